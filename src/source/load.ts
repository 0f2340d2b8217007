// Reads topology text into plain data, and the source file that locates any JSON pointer in it, turning every
// malformed input (binary, bad UTF-8, YAML errors, alias bombs, deep nesting) into diagnostics.
import { Composer, Lexer, Parser, YAMLParseError, isAlias, isMap, isPair, isScalar, isSeq, visit, type Alias, type CST, type Document, type Node, type Pair, type Range, type YAMLMap } from 'yaml';
import { codeInfo } from '../diagnostics/codes.js';
import type { Diagnostic, Span } from '../diagnostics/types.js';
import { SourceFile, type NodeRange } from './source-file.js';

import { DEFAULT_MAX_BYTES, MAX_ALIASES, MAX_ALIAS_EXPANSION, MAX_DEPTH } from './limits.js';

export { DEFAULT_MAX_BYTES, MAX_ALIASES, MAX_ALIAS_EXPANSION, MAX_DEPTH };

export interface LoadOptions {
  /** Largest accepted input in bytes. Default 1 MiB. */
  maxBytes?: number;
}

export interface LoadResult {
  source: SourceFile;
  /** The document as plain JSON-like data; undefined when it could not be read. */
  data: unknown;
  diagnostics: Diagnostic[];
}

const yamlCodes: Record<string, string> = {
  TAB_AS_INDENT: 'LVS006',
  MULTIPLE_DOCS: 'LVS010',
};

function diag(code: string, message: string, span: Span | undefined, help?: string, label?: string): Diagnostic {
  const d: Diagnostic = { code, severity: codeInfo(code).severity, message, related: [] };
  if (span) d.span = span;
  if (help) d.help = help;
  if (label) d.label = label;
  return d;
}

/** Decodes and parses one topology file. Never throws for any input. */
export function loadTopology(input: string | Uint8Array, fileName: string, options: LoadOptions = {}): LoadResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const byteLength = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (byteLength > maxBytes) {
    const source = new SourceFile(fileName, '');
    return {
      source,
      data: undefined,
      diagnostics: [
        diag('LVS001', `the file is larger than the limit of ${maxBytes} bytes`, undefined,
          'split the topology, or raise the limit with --max-bytes if the file is really meant to be this large'),
      ],
    };
  }
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    if (input.includes(0)) return binary(fileName, input, input.indexOf(0));
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return notUtf8(fileName, input);
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const source = new SourceFile(fileName, text);
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (control) {
    const code = 'LVS002';
    const hex = control[0].charCodeAt(0).toString(16).padStart(2, '0');
    return {
      source,
      data: undefined,
      diagnostics: [
        diag(code, `the file contains the control character U+00${hex.toUpperCase()}`, source.spanOf(control.index, control.index + 1),
          'topologies are plain text: remove the character (is this the right file?)'),
      ],
    };
  }

  // One lexer pass feeds both the nesting check and yaml's parser (a separate pre-check pass cost a
  // full extra lexing of the file); the check stops the parse as soon as the limit is passed, before
  // the parser meets the deep part, and runs to the end of the text so that it finds what it always found.
  const nesting = new NestingCheck();
  const lexemes = new Lexer().lex(text);
  // uniqueKeys: false because yaml's own duplicate-key check is quadratic in the size of a mapping
  // (14 000 real servers took seconds); the walker checks keys with the mapping it builds instead.
  const composer = new Composer({ uniqueKeys: false, prettyErrors: false, strict: true, keepSourceTokens: false });
  let doc: Document.Parsed | undefined;
  try {
    // What parseDocument() does, with our lexer loop: the first document, and an error if there is another.
    for (const next of composer.compose(parse(lexemes, nesting), true, text.length)) {
      if (!doc) doc = next;
      else {
        doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
        break;
      }
    }
    for (let lexeme = lexemes.next(); !lexeme.done; lexeme = lexemes.next()) nesting.feed(lexeme.value);
  } catch (error) {
    if (error !== NestingCheck.TOO_DEEP) throw error;
  }
  if (nesting.deepAt !== undefined) {
    const deep = nesting.deepAt;
    return {
      source,
      data: undefined,
      diagnostics: [diag('LVS009', `the document nests deeper than ${MAX_DEPTH} levels`, source.spanOf(deep, deep + 1), DEPTH_HELP)],
    };
  }
  if (!doc) throw new Error('internal error: yaml composed no document');

  const diagnostics: Diagnostic[] = [];
  for (const error of doc.errors) {
    const [start, end] = error.pos;
    const span = source.spanOf(start, Math.min(end, text.length));
    // Deep block indentation that the nesting check does not count can still exhaust yaml's recursion.
    if (/call stack/i.test(error.message)) {
      diagnostics.push(diag('LVS009', `the document nests deeper than ${MAX_DEPTH} levels`, span, DEPTH_HELP));
      continue;
    }
    const code = yamlCodes[error.code] ?? 'LVS005';
    diagnostics.push(diag(code, yamlMessage(error.code, error.message), span, yamlHelp(code)));
  }
  for (const warning of doc.warnings) {
    const [start, end] = warning.pos;
    diagnostics.push(diag('LVS011', firstLine(warning.message), source.spanOf(start, Math.min(end, text.length)),
      'topologies use plain YAML: no custom tags or directives'));
  }
  if (diagnostics.length > 0) return { source, data: undefined, diagnostics: dedupe(diagnostics) };
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return {
      source,
      data: undefined,
      diagnostics: [diag('LVS004', 'the file holds no topology', source.spanOf(0, 0), 'run `lvscc init` to write a starter topology')],
    };
  }
  const aliases = new AliasTargets(doc);
  const walker = new Walker(aliases, source);
  const data = walker.walk(doc.contents, 0);
  if (walker.diagnostics.length) return { source, data: undefined, diagnostics: walker.diagnostics };
  source.setLocator(new Locator(doc.contents, aliases));
  return { source, data, diagnostics: [] };
}

/** yaml's Parser.parse(), over a lexer we drive ourselves so that every lexeme passes the nesting check first. */
function* parse(lexemes: Generator<string>, nesting: NestingCheck): Generator<CST.Token> {
  const parser = new Parser();
  // A manual loop, not for-of: when the composer stops early, closing this generator must not close the lexer.
  for (let lexeme = lexemes.next(); !lexeme.done; lexeme = lexemes.next()) {
    nesting.feed(lexeme.value);
    yield* parser.next(lexeme.value);
  }
  yield* parser.end();
}

const DEPTH_HELP = 'a topology needs only a few levels; flatten this structure';

/** The text of bytes that are not clean UTF-8, with U+FFFD for bad sequences (as editors show it). */
function lenient(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

/** Character offset, in `lenient(bytes)`, of the byte at `at` (which starts a sequence or is invalid). */
function charOffset(bytes: Uint8Array, at: number): number {
  // stream: true leaves a trailing incomplete sequence undecoded, so the length counts whole characters only.
  return new TextDecoder('utf-8').decode(bytes.subarray(0, at), { stream: true }).length;
}

function binary(fileName: string, bytes: Uint8Array, at: number): LoadResult {
  const source = new SourceFile(fileName, lenient(bytes));
  const offset = charOffset(bytes, at);
  return {
    source,
    data: undefined,
    diagnostics: [
      diag('LVS002', `the file contains a NUL byte at offset ${at}: it looks like binary data, not a YAML topology`,
        source.spanOf(offset, offset + 1), 'check the file name; topologies are UTF-8 text'),
    ],
  };
}

/** Reports the first byte that breaks UTF-8, located so that a Latin-1 `é` can be found and fixed. */
function notUtf8(fileName: string, bytes: Uint8Array): LoadResult {
  // The longest prefix that decodes (streaming, so a cut sequence is not an error) ends where the bad byte is.
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const mid = (good + bad) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      good = mid;
    } catch {
      bad = mid;
    }
  }
  const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, good), { stream: true });
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const at = Buffer.byteLength(prefix) + bom;
  const source = new SourceFile(fileName, lenient(bytes));
  const byte = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return {
    source,
    data: undefined,
    diagnostics: [
      diag('LVS003', `the file is not valid UTF-8 text: byte 0x${byte} at offset ${at} does not belong to a UTF-8 character`,
        source.spanOf(prefix.length, prefix.length + 1), 'save the topology as UTF-8 (it may be Latin-1 or another legacy encoding)'),
    ],
  };
}

/**
 * Finds flow or compact block nesting deeper than MAX_DEPTH in yaml's lexemes, as they reach the
 * parser: the parser's cost grows steeply with depth (half a million `[` take seconds and overflow
 * the stack). Counts only what surely nests (flow brackets, and `- - -` or `? ?` on one line), so
 * it never rejects what the walker below would accept; the walker catches the rest.
 */
class NestingCheck {
  /** Thrown by {@link feed} to stop the parse; the offset is in {@link deepAt}. */
  static readonly TOO_DEEP = Symbol('too deep');
  /** Offset of the first lexeme past the limit. */
  deepAt: number | undefined;
  private offset = 0;
  private flowDepth = 0;
  private flowBase = 0;
  private lineIndicators = 0;

  feed(token: string): void {
    switch (token) {
      case '\u0002': // lexer markers (document, flow end, scalar): not part of the text
      case '\u0018':
      case '\u001f':
        return;
      case '[':
      case '{':
        if (this.flowDepth === 0) this.flowBase = this.lineIndicators;
        this.flowDepth++;
        if (this.flowBase + this.flowDepth > MAX_DEPTH + 1) this.stop();
        break;
      case ']':
      case '}':
        if (this.flowDepth > 0) this.flowDepth--;
        break;
      case '-':
      case '?':
        if (this.flowDepth === 0 && ++this.lineIndicators > MAX_DEPTH + 1) this.stop();
        break;
      default:
        if (!isBlanks(token)) this.lineIndicators = 0;
    }
    this.offset += token.length;
  }

  private stop(): never {
    this.deepAt = this.offset;
    throw NestingCheck.TOO_DEEP;
  }
}

/** True for a non-empty run of spaces and tabs (`/^[ \t]+$/` without the regular expression). */
function isBlanks(token: string): boolean {
  if (token.length === 0) return false;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.charAt(0).toLowerCase() + line.slice(1).replace(/\s+at line \d+, column \d+:?$/, '');
}

function yamlMessage(code: string, message: string): string {
  switch (code) {
    case 'TAB_AS_INDENT':
      return 'a tab is used for indentation';
    case 'MULTIPLE_DOCS':
      return 'the file holds more than one YAML document';
    default:
      return 'YAML syntax error: ' + firstLine(message);
  }
}

function yamlHelp(code: string): string {
  switch (code) {
    case 'LVS006':
      return 'YAML indentation must use spaces';
    case 'LVS010':
      return 'keep one topology per file (remove the `---` separator)';
    default:
      return 'fix the YAML syntax at the marked place';
  }
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}:${d.span?.offset}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The node each alias stands for: the last node before it with that anchor (YAML 1.2). Computed for
 * all aliases in one pass on first use, as yaml's own Alias.resolve walks the whole document on every call.
 */
class AliasTargets {
  private targets: Map<Alias, Node | undefined> | undefined;

  constructor(private readonly doc: Document) {}

  get(alias: Alias): Node | undefined {
    if (!this.targets) {
      const targets = new Map<Alias, Node | undefined>();
      const anchors = new Map<string, Node>();
      visit(this.doc, {
        Node: (_key, node) => {
          if (isAlias(node)) targets.set(node, anchors.get(node.source));
          else if (node.anchor) anchors.set(node.anchor, node);
        },
      });
      this.targets = targets;
    }
    return this.targets.get(alias);
  }
}

/** The map key of a pair as the walker names it, or undefined for keys the walker rejects. */
function keyName(pair: unknown): string | undefined {
  if (!isPair(pair)) return undefined;
  const key = pair.key;
  if (!isScalar(key) || (typeof key.value !== 'string' && typeof key.value !== 'number')) return undefined;
  return String(key.value);
}

/** Converts the YAML AST into plain data, enforcing alias, depth and duplicate-key rules. */
class Walker {
  readonly diagnostics: Diagnostic[] = [];
  /** Set by the first fatal finding; duplicate keys are not fatal, so that all of them are reported. */
  private stopped = false;
  private aliases = 0;
  private expanded = 0;

  constructor(
    private readonly aliasTargets: AliasTargets,
    private readonly source: SourceFile,
  ) {}

  /** `alias` is the outermost alias being expanded, if any: values reached through it count against the expansion limit. */
  walk(node: unknown, depth: number, alias?: Alias): unknown {
    if (this.stopped) return undefined;
    if (depth > MAX_DEPTH) {
      this.fail('LVS009', `the document nests deeper than ${MAX_DEPTH} levels`, node, DEPTH_HELP);
      return undefined;
    }
    if (alias && ++this.expanded > MAX_ALIAS_EXPANSION) {
      this.fail('LVS008', `the aliases in this document expand to more than ${MAX_ALIAS_EXPANSION} values`, alias,
        'expand the aliases, or use `defaults:`');
      return undefined;
    }
    if (isAlias(node)) {
      this.aliases++;
      if (this.aliases > MAX_ALIASES) {
        this.fail('LVS008', `the document uses more than ${MAX_ALIASES} aliases`, node, 'expand the aliases, or use `defaults:`');
        return undefined;
      }
      const target = this.aliasTargets.get(node);
      if (target === undefined) {
        this.fail('LVS005', `YAML syntax error: the alias \`*${node.source}\` refers to no anchor before it`, node,
          `define \`&${node.source}\` on a value before this alias, or write the value out`);
        return undefined;
      }
      return this.walk(target, depth + 1, alias ?? node);
    }
    if (node == null) return null;
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v === 'number' && !Number.isFinite(v)) return String(node.source ?? v);
      if (typeof v === 'bigint') return Number(v);
      if (v instanceof Uint8Array || v instanceof Date) {
        this.fail('LVS011', 'this value has a type that topologies do not use', node, 'write it as a plain string or number');
        return undefined;
      }
      return v;
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const name = keyName(pair);
        if (name === undefined) {
          this.fail('LVS011', 'map keys must be plain strings', pair.key ?? node, 'write the key as a plain word');
          return undefined;
        }
        // The mapping being built is the set of keys seen so far; a repeated key is rare, so its first
        // occurrence is looked up only then.
        if (Object.hasOwn(out, name)) this.duplicate(name, (pair.key as Node).range, firstKey(node.items, name)?.range);
        const value = this.walk(pair.value, depth + 1, alias);
        // A `__proto__` key is data like any other, not the object's prototype.
        if (name === '__proto__') Object.defineProperty(out, name, { value, writable: true, enumerable: true, configurable: true });
        else out[name] = value;
      }
      return out;
    }
    if (isSeq(node)) {
      return node.items.map((item) => this.walk(item, depth + 1, alias));
    }
    this.fail('LVS011', 'unsupported YAML node', node, 'use plain mappings, lists and scalars');
    return undefined;
  }

  private duplicate(name: string, range: Range | null | undefined, first: Range | null | undefined): void {
    const span = range ? this.spanOf(range) : undefined;
    const d = diag('LVS007', `the key \`${name}\` appears twice in the same mapping`, span,
      'remove one of the two entries, or merge them', 'defined again here');
    if (first) d.related.push({ span: this.spanOf(first), message: 'first defined here' });
    this.diagnostics.push(d);
  }

  private spanOf(range: readonly [number, number] | readonly number[]): Span {
    const start = range[0] ?? 0;
    return this.source.spanOf(start, Math.min(range[1] ?? start, this.source.text.length));
  }

  private fail(code: string, message: string, node: unknown, help: string): void {
    this.stopped = true;
    const r = (node as Node | undefined)?.range;
    this.diagnostics.push(diag(code, message, r ? this.spanOf(r) : undefined, help));
  }
}

/** The key node of the first pair of `items` that the walker names `name`. */
function firstKey(items: readonly unknown[], name: string): Node | undefined {
  for (const pair of items) if (keyName(pair) === name) return (pair as Pair<Node>).key;
  return undefined;
}

/**
 * Finds the YAML node at a JSON pointer when a diagnostic needs its place, instead of recording the
 * range of every node while loading (most builds report nothing). Follows the walker exactly: a
 * pointer reached through an alias gets the anchored node's range and the alias's key; a key without
 * a value gets the key's range for both.
 */
class Locator {
  /** Each mapping's pairs by name, built on first lookup (a linear search per diagnostic would be quadratic). */
  private readonly index = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(
    private readonly root: Node,
    private readonly aliasTargets: AliasTargets,
  ) {}

  locate(pointer: string): NodeRange | undefined {
    let node: unknown = this.root;
    let keyRange: [number, number] | undefined;
    if (pointer !== '') {
      for (const token of pointer.slice(1).split('/')) {
        if (isAlias(node)) node = this.aliasTargets.get(node);
        if (isMap(node)) {
          const pair = this.pairs(node).get(unescapeToken(token));
          if (!pair) return undefined;
          const key = pair.key as Node;
          keyRange = key.range ? [key.range[0], key.range[1]] : undefined;
          if (pair.value == null) {
            // Only the last token can name a key without a value; the walker records the key there.
            node = undefined;
            if (!keyRange) return undefined;
            continue;
          }
          node = pair.value;
        } else if (isSeq(node)) {
          if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
          node = node.items[Number(token)];
          keyRange = undefined;
          if (node == null) return undefined;
        } else {
          return undefined;
        }
      }
      if (node === undefined) return keyRange ? { value: keyRange, key: keyRange } : undefined;
    }
    if (isAlias(node)) node = this.aliasTargets.get(node);
    const range = (node as Node | undefined)?.range;
    if (!range) return undefined;
    const entry: NodeRange = { value: [range[0], range[1]] };
    if (keyRange) entry.key = keyRange;
    return entry;
  }

  private pairs(map: YAMLMap): Map<string, Pair> {
    let pairs = this.index.get(map);
    if (!pairs) {
      pairs = new Map();
      // Later pairs win, as when the walker recorded them in order.
      for (const pair of map.items) {
        const name = keyName(pair);
        if (name !== undefined) pairs.set(name, pair as Pair);
      }
      this.index.set(map, pairs);
    }
    return pairs;
  }
}

function unescapeToken(token: string): string {
  return token.includes('~') ? token.replace(/~1/g, '/').replace(/~0/g, '~') : token;
}
