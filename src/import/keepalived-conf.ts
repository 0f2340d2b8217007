// Reads keepalived.conf as keepalived's lib/parser.c does: `#`/`!` comments, `\` continuations, `$NAME=value`
// definitions, `@id`/`@^id` conditionals, `include` globs (relative to the including file), braces, quoted words.
import type { Span } from '../diagnostics/types.js';
import { SourceFile } from '../source/source-file.js';
import { importProblem, type ImportProblem } from './problems.js';

/** One word of the configuration, where it was written. */
export interface Word {
  text: string;
  span: Span;
}

/** A keyword line and, when it opens one, its block. */
export interface Statement {
  words: Word[];
  block?: Statement[];
}

/** What the reader needs from a file system: pure callers pass their own. */
export interface ConfigFiles {
  /** The file's text, or undefined when it cannot be read. */
  read(path: string): string | undefined;
  /** Names in a directory (not paths), or undefined when it is not a readable directory. */
  list(directory: string): string[] | undefined;
}

/** The parsed file: its statements, every file read (the main one first), and any problems. */
export interface ParsedConfig {
  statements: Statement[];
  sources: SourceFile[];
  problems: ImportProblem[];
}

/** Options: `configId` is keepalived's `-i` (the `@id` lines it keeps); keepalived defaults it to the host name. */
export interface ReadOptions {
  configId?: string;
}

interface Token {
  kind: 'word' | 'open' | 'close' | 'end';
  word: Word;
}

const dirname = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) || '/' : '.');
const joinPath = (dir: string, name: string): string => (name.startsWith('/') ? name : dir === '.' ? name : `${dir}/${name}`);

/** A glob segment (`*`, `?`, `[...]`, `{a,b}` as keepalived's GLOB_BRACE) as a regular expression. */
function segmentPattern(segment: string): RegExp {
  let source = '';
  let braces = 0;
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const end = segment.indexOf(']', i + 2);
      if (end < 0) source += '\\[';
      else {
        source += `[${segment
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '{') {
      braces++;
      source += '(?:';
    } else if (c === '}' && braces) {
      braces--;
      source += ')';
    } else if (c === ',' && braces) source += '|';
    else source += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Expands an include pattern like glob(3) with GLOB_BRACE, sorted; hidden files only when a segment starts with `.`. */
export function expandGlob(pattern: string, files: ConfigFiles): string[] {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s) => s !== '');
  let paths = [absolute ? '/' : '.'];
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    const next: string[] = [];
    for (const base of paths) {
      if (!/[*?[{]/.test(segment)) {
        next.push(joinPath(base, segment));
        continue;
      }
      const names = files.list(base) ?? [];
      const re = segmentPattern(segment);
      for (const name of [...names].sort()) if (re.test(name) && (segment.startsWith('.') || !name.startsWith('.'))) next.push(joinPath(base, name));
    }
    paths = last ? next : next.filter((p) => files.list(p) !== undefined);
  }
  return paths.map((p) => (absolute ? p.replace(/^\/+/, '/') : p));
}

/** Reads a keepalived configuration file and every file it includes. */
export function readKeepalivedConf(path: string, files: ConfigFiles, options: ReadOptions = {}): ParsedConfig {
  const sources: SourceFile[] = [];
  const problems: ImportProblem[] = [];
  const definitions = new Map<string, string>();
  const tokens: Token[] = [];
  const text = files.read(path);
  if (text === undefined) {
    problems.push(importProblem('LVS401', `cannot read ${path}`, undefined, 'check the path and its permissions'));
    return { statements: [], sources, problems };
  }
  lexFile(new SourceFile(path, text.replace(/^\uFEFF/, '')), 0);
  return { statements: parseStatements(tokens, problems), sources, problems };

  function lexFile(source: SourceFile, depth: number): void {
    sources.push(source);
    const text = source.text;
    let offset = 0;
    while (offset < text.length) {
      // A logical line; only a `$NAME=` definition continues onto the next line with a trailing `\\`.
      const pieces: { start: number; end: number }[] = [];
      for (;;) {
        const newline = text.indexOf('\n', offset);
        const end = newline < 0 ? text.length : newline;
        const raw = text.slice(offset, end).replace(/\r$/, '');
        const start = offset;
        offset = newline < 0 ? text.length : newline + 1;
        const body = raw.slice(0, commentStart(raw)).replace(/[ \t]+$/, '');
        const isDefinition = /^[ \t]*\$[A-Za-z_][A-Za-z0-9_]*[ \t]*=/.test(pieces.length ? text.slice(pieces[0]!.start, pieces[0]!.end) : body);
        if (isDefinition && body.endsWith('\\') && offset < text.length) {
          pieces.push({ start, end: start + body.length - 1 });
          continue;
        }
        pieces.push({ start, end: start + body.length });
        break;
      }
      let chars = characters(source, pieces);
      chars = trimStart(chars);
      if (!chars.length) continue;
      // `@id line` is kept only when keepalived runs with `-i id`; `@^id line` only when it does not.
      if (chars[0]!.c === '@') {
        const space = chars.findIndex((c) => c.c === ' ' || c.c === '\t');
        const negated = chars[1]?.c === '^';
        const id = chars
          .slice(negated ? 2 : 1, space < 0 ? undefined : space)
          .map((c) => c.c)
          .join('');
        if (space < 0 || (options.configId === id) === negated) continue;
        chars = trimStart(chars.slice(space));
      }
      const line = chars.map((c) => c.c).join('');
      const def = /^\$([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*([^]*)$/.exec(line);
      if (def) {
        definitions.set(
          def[1]!,
          def[2]!
            .split('\n')
            .map((l) => l.trim())
            .filter((l, i) => l || i === 0)
            .join('\n'),
        );
        continue;
      }
      if (line.startsWith('~SEQ') || line.startsWith('~')) {
        const at = source.spanOf(chars[0]!.at, chars[chars.length - 1]!.at + 1);
        problems.push(importProblem('LVS404', 'keepalived ~SEQ sequences are not read by lvscc import', at, 'write the lines the sequence stands for'));
        continue;
      }
      const expanded = expand(chars);
      // `include PATTERN` takes the pattern whole: its braces are glob(3)'s GLOB_BRACE, not a block.
      const includeLine = /^include[ \t]+("?)([^ \t"]+)\1$/.exec(expanded.map((c) => c.c).join(''));
      if (includeLine) {
        const start = expanded[expanded.length - includeLine[2]!.length - includeLine[1]!.length]!.at;
        include({ text: includeLine[2]!, span: source.spanOf(start, expanded[expanded.length - 1]!.at + 1) }, source, depth);
        continue;
      }
      const lineTokens = splitWords(expanded, source);
      tokens.push(...lineTokens);
      const last = expanded[expanded.length - 1];
      tokens.push({ kind: 'end', word: { text: '', span: source.spanOf(last ? last.at + 1 : 0, last ? last.at + 1 : 0) } });
    }
  }

  function include(pattern: Word, from: SourceFile, depth: number): void {
    if (depth >= 8) {
      problems.push(importProblem('LVS403', `includes nest deeper than 8 files at ${pattern.text}`, pattern.span, 'an include probably includes itself'));
      return;
    }
    const resolved = pattern.text.startsWith('/') ? pattern.text : joinPath(dirname(from.name), pattern.text);
    const matches = expandGlob(resolved, files);
    let used = 0;
    for (const match of matches) {
      const text = files.read(match);
      if (text === undefined) continue;
      used++;
      lexFile(new SourceFile(match, text.replace(/^\uFEFF/, '')), depth + 1);
    }
    // keepalived logs "No config files matched" and goes on; the import says so, since the configuration then lacks them.
    if (!used)
      problems.push(
        importProblem(
          'LVS402',
          `include ${pattern.text} matches no readable file (looked for ${resolved})`,
          pattern.span,
          'give the included files on the command line too, or fix the path',
          'warning',
        ),
      );
  }

  /** Replaces `$NAME` and `${NAME}` by defined values; every replacement character is located at the reference. */
  function expand(chars: Char[]): Char[] {
    if (!definitions.size || !chars.some((c) => c.c === '$')) return chars;
    let out: Char[] = chars;
    for (let round = 0; round < 16; round++) {
      const next: Char[] = [];
      let changed = false;
      for (let i = 0; i < out.length; i++) {
        const c = out[i]!;
        if (c.c !== '$') {
          next.push(c);
          continue;
        }
        const rest = out
          .slice(i + 1, i + 66)
          .map((x) => x.c)
          .join('');
        const m = /^\{([A-Za-z_][A-Za-z0-9_]*)\}|^([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
        const name = m?.[1] ?? m?.[2];
        if (!m || name === undefined || !definitions.has(name)) {
          next.push(c);
          continue;
        }
        for (const ch of definitions.get(name)!) next.push({ c: ch, at: c.at });
        i += m[0].length;
        changed = true;
      }
      out = next;
      if (!changed) break;
    }
    return out;
  }
}

interface Char {
  c: string;
  at: number;
}

/** Where a comment starts (`#` or `!` outside double quotes), or the line's length. */
function commentStart(line: string): number {
  let quote = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quote = !quote;
    else if (c === '\\' && !quote && (line[i + 1] === '#' || line[i + 1] === '!')) i++;
    else if (!quote && (c === '#' || c === '!')) return i;
  }
  return line.length;
}

function characters(source: SourceFile, pieces: { start: number; end: number }[]): Char[] {
  const out: Char[] = [];
  for (const piece of pieces) {
    for (let i = piece.start; i < piece.end; i++) {
      const c = source.text[i]!;
      // `\#` and `\!` are a literal # and ! (decomment drops the backslash).
      if (c === '\\' && (source.text[i + 1] === '#' || source.text[i + 1] === '!') && i + 1 < piece.end) continue;
      out.push({ c, at: i });
    }
    if (pieces.length > 1) out.push({ c: '\n', at: piece.end });
  }
  return out;
}

function trimStart(chars: Char[]): Char[] {
  let i = 0;
  while (i < chars.length && (chars[i]!.c === ' ' || chars[i]!.c === '\t')) i++;
  return i ? chars.slice(i) : chars;
}

/** Splits a line into words: blanks separate, `{` and `}` are words of their own, `"..."` is one word without its quotes. */
function splitWords(chars: Char[], source: SourceFile): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (c.c === ' ' || c.c === '\t' || c.c === '\r' || c.c === '\f' || c.c === '\v') {
      i++;
      continue;
    }
    if (c.c === '\n') {
      out.push({ kind: 'end', word: { text: '', span: source.spanOf(c.at, c.at) } });
      i++;
      continue;
    }
    if (c.c === '{' || c.c === '}') {
      out.push({ kind: c.c === '{' ? 'open' : 'close', word: { text: c.c, span: source.spanOf(c.at, c.at + 1) } });
      i++;
      continue;
    }
    let text = '';
    const start = c.at;
    let end = c.at + 1;
    while (i < chars.length && !/[ \t\r\f\v\n{}]/.test(chars[i]!.c)) {
      if (chars[i]!.c === '"') {
        i++;
        while (i < chars.length && chars[i]!.c !== '"') {
          text += chars[i]!.c;
          end = chars[i]!.at + 1;
          i++;
        }
        if (i < chars.length) end = chars[i]!.at + 1;
        i++;
        continue;
      }
      text += chars[i]!.c;
      end = chars[i]!.at + 1;
      i++;
    }
    out.push({ kind: 'word', word: { text, span: source.spanOf(start, Math.max(end, start)) } });
  }
  return out;
}

/** Groups tokens into statements and blocks; a `{` may stand on the line after its keyword, as keepalived allows. */
function parseStatements(tokens: Token[], problems: ImportProblem[]): Statement[] {
  let index = 0;
  const top = readBlock(undefined);
  return top;

  function readBlock(opener: Word | undefined): Statement[] {
    const statements: Statement[] = [];
    let words: Word[] = [];
    const finish = (): void => {
      if (words.length) statements.push({ words });
      words = [];
    };
    while (index < tokens.length) {
      const token = tokens[index++]!;
      if (token.kind === 'word') words.push(token.word);
      else if (token.kind === 'end') {
        if (!words.length) continue;
        // A lone `{` on a following line opens this statement's block.
        let look = index;
        while (look < tokens.length && tokens[look]!.kind === 'end') look++;
        if (tokens[look]?.kind === 'open' && isBlockKeyword(words)) {
          index = look;
          continue;
        }
        finish();
      } else if (token.kind === 'open') {
        if (!words.length) {
          problems.push(importProblem('LVS405', 'a block opens without a keyword', token.word.span, 'put the keyword before `{`'));
          readBlock(token.word);
          continue;
        }
        const statement: Statement = { words, block: readBlock(token.word) };
        statements.push(statement);
        words = [];
      } else {
        finish();
        if (opener) return statements;
        problems.push(importProblem('LVS405', 'this `}` closes no block', token.word.span, 'remove it, or add the `{` it belongs to'));
      }
    }
    finish();
    if (opener) problems.push(importProblem('LVS405', 'this block is never closed', opener.span, 'add the missing `}`'));
    return statements;
  }
}

/** Keywords that open a block when `{` comes on the next line. */
function isBlockKeyword(words: Word[]): boolean {
  return /^(global_defs|vrrp_instance|vrrp_sync_group|vrrp_script|virtual_server|virtual_server_group|real_server|[A-Z_]+_CHECK|HTTP_GET|SSL_GET|url|virtual_ipaddress|virtual_ipaddress_excluded|virtual_routes|virtual_rules|unicast_peer|authentication|track_interface|track_script|group|static_ipaddress|static_routes|static_rules|notification_email|garp_group|vrrp_track_process|track_process|track_file|vrrp_track_file|linkbeat_interfaces|net_namespace_ipvs|bfd_instance)$/.test(
    words[0]!.text,
  );
}
