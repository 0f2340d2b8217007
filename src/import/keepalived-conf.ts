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
      let chars = trimStart(characters(source, pieces));
      if (!chars.text.length) continue;
      // `@id line` is kept only when keepalived runs with `-i id`; `@^id line` only when it does not.
      if (chars.text[0] === '@') {
        const space = chars.text.search(/[ \t]/);
        const negated = chars.text[1] === '^';
        const id = chars.text.slice(negated ? 2 : 1, space < 0 ? undefined : space);
        if (space < 0 || (options.configId === id) === negated) continue;
        chars = trimStart(slice(chars, space));
      }
      const line = chars.text;
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
        const at = source.spanOf(chars.at[0]!, chars.at[chars.at.length - 1]! + 1);
        problems.push(importProblem('LVS404', 'keepalived ~SEQ sequences are not read by lvscc import', at, 'write the lines the sequence stands for'));
        continue;
      }
      const expanded = expand(chars);
      // `include PATTERN` takes the pattern whole: its braces are glob(3)'s GLOB_BRACE, not a block.
      const includeLine = /^include[ \t]+("?)([^ \t"]+)\1$/.exec(expanded.text);
      if (includeLine) {
        const start = expanded.at[expanded.at.length - includeLine[2]!.length - includeLine[1]!.length]!;
        include({ text: includeLine[2]!, span: source.spanOf(start, expanded.at[expanded.at.length - 1]! + 1) }, source, depth);
        continue;
      }
      splitWords(expanded, source, tokens);
      const last = expanded.at[expanded.at.length - 1];
      tokens.push({ kind: 'end', word: { text: '', span: source.spanOf(last === undefined ? 0 : last + 1, last === undefined ? 0 : last + 1) } });
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
  function expand(chars: Chars): Chars {
    if (!definitions.size || !chars.text.includes('$')) return chars;
    let out = chars;
    for (let round = 0; round < 16; round++) {
      let text = '';
      const at: number[] = [];
      let changed = false;
      for (let i = 0; i < out.text.length; i++) {
        const c = out.text[i]!;
        if (c !== '$') {
          text += c;
          at.push(out.at[i]!);
          continue;
        }
        const m = /^\{([A-Za-z_][A-Za-z0-9_]*)\}|^([A-Za-z_][A-Za-z0-9_]*)/.exec(out.text.slice(i + 1, i + 66));
        const name = m?.[1] ?? m?.[2];
        if (!m || name === undefined || !definitions.has(name)) {
          text += c;
          at.push(out.at[i]!);
          continue;
        }
        const value = definitions.get(name)!;
        text += value;
        for (let k = 0; k < value.length; k++) at.push(out.at[i]!);
        i += m[0].length;
        changed = true;
      }
      out = { text, at };
      if (!changed) break;
    }
    return out;
  }
}

/** A logical line: its characters and, for each, its offset in the source file (a value may come from a definition). */
interface Chars {
  text: string;
  at: number[];
}

const slice = (chars: Chars, from: number): Chars => ({ text: chars.text.slice(from), at: chars.at.slice(from) });

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

function characters(source: SourceFile, pieces: { start: number; end: number }[]): Chars {
  let text = '';
  const at: number[] = [];
  for (const piece of pieces) {
    let from = piece.start;
    for (let i = piece.start; i < piece.end; i++) {
      // `\#` and `\!` are a literal # and ! (decomment drops the backslash).
      if (source.text[i] !== '\\' || (source.text[i + 1] !== '#' && source.text[i + 1] !== '!') || i + 1 >= piece.end) continue;
      text += source.text.slice(from, i);
      for (let k = from; k < i; k++) at.push(k);
      from = i + 1;
    }
    text += source.text.slice(from, piece.end);
    for (let k = from; k < piece.end; k++) at.push(k);
    if (pieces.length > 1) {
      text += '\n';
      at.push(piece.end);
    }
  }
  return { text, at };
}

function trimStart(chars: Chars): Chars {
  let i = 0;
  while (i < chars.text.length && (chars.text[i] === ' ' || chars.text[i] === '\t')) i++;
  return i ? slice(chars, i) : chars;
}

const BLANK = new Set([' ', '\t', '\r', '\f', '\v']);

/** Splits a line into words onto `out`: blanks separate, `{` and `}` are words of their own, `"..."` is one word without its quotes. */
function splitWords(chars: Chars, source: SourceFile, out: Token[]): void {
  const { text: line, at } = chars;
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (BLANK.has(c)) {
      i++;
      continue;
    }
    if (c === '\n') {
      out.push({ kind: 'end', word: { text: '', span: source.spanOf(at[i]!, at[i]!) } });
      i++;
      continue;
    }
    if (c === '{' || c === '}') {
      out.push({ kind: c === '{' ? 'open' : 'close', word: { text: c, span: source.spanOf(at[i]!, at[i]! + 1) } });
      i++;
      continue;
    }
    let text = '';
    const start = at[i]!;
    let end = start + 1;
    while (i < line.length && !BLANK.has(line[i]!) && line[i] !== '\n' && line[i] !== '{' && line[i] !== '}') {
      if (line[i] === '"') {
        i++;
        while (i < line.length && line[i] !== '"') {
          text += line[i];
          end = at[i]! + 1;
          i++;
        }
        if (i < line.length) end = at[i]! + 1;
        i++;
        continue;
      }
      text += line[i];
      end = at[i]! + 1;
      i++;
    }
    out.push({ kind: 'word', word: { text, span: source.spanOf(start, Math.max(end, start)) } });
  }
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
