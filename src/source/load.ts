// Reads topology text into plain data plus a JSON-pointer -> span map, turning every
// malformed input (binary, bad UTF-8, YAML errors, alias bombs, deep nesting) into diagnostics.
import { Lexer, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Alias, type Document, type Node } from 'yaml';
import { codeInfo } from '../diagnostics/codes.js';
import type { Diagnostic, Span } from '../diagnostics/types.js';
import { SourceFile, joinPointer } from './source-file.js';

export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const MAX_ALIASES = 100;
export const MAX_DEPTH = 64;
/** Most values that aliases may expand to in total: 100 aliases of a huge anchor are a memory bomb too. */
export const MAX_ALIAS_EXPANSION = 100_000;

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

  const deep = deepNestingOffset(text);
  if (deep !== undefined) {
    return {
      source,
      data: undefined,
      diagnostics: [diag('LVS009', `the document nests deeper than ${MAX_DEPTH} levels`, source.spanOf(deep, deep + 1), DEPTH_HELP)],
    };
  }

  // uniqueKeys: false because yaml's own duplicate-key check is quadratic in the size of a mapping
  // (14 000 real servers took seconds); the walker checks keys with a set instead.
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, strict: true, keepSourceTokens: false });
  const diagnostics: Diagnostic[] = [];
  for (const error of doc.errors) {
    const [start, end] = error.pos;
    const span = source.spanOf(start, Math.min(end, text.length));
    // Deep block indentation that the lexer pre-check does not count can still exhaust yaml's recursion.
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
  const walker = new Walker(doc, source);
  const data = walker.walk(doc.contents, '', 0, undefined);
  return { source, data: walker.diagnostics.length ? undefined : data, diagnostics: walker.diagnostics };
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
 * Finds flow or compact block nesting deeper than MAX_DEPTH with yaml's lexer, before the parser
 * runs: the parser's cost grows steeply with depth (half a million `[` take seconds and overflow
 * the stack). Counts only what surely nests (flow brackets, and `- - -` or `? ?` on one line), so
 * it never rejects what the walker below would accept; the walker catches the rest.
 */
function deepNestingOffset(text: string): number | undefined {
  let offset = 0;
  let flowDepth = 0;
  let flowBase = 0;
  let lineIndicators = 0;
  for (const token of new Lexer().lex(text)) {
    switch (token) {
      case '\u0002': // lexer markers (document, flow end, scalar): not part of the text
      case '\u0018':
      case '\u001f':
        continue;
      case '[':
      case '{':
        if (flowDepth === 0) flowBase = lineIndicators;
        flowDepth++;
        if (flowBase + flowDepth > MAX_DEPTH + 1) return offset;
        break;
      case ']':
      case '}':
        if (flowDepth > 0) flowDepth--;
        break;
      case '-':
      case '?':
        if (flowDepth === 0 && ++lineIndicators > MAX_DEPTH + 1) return offset;
        break;
      default:
        if (!/^[ \t]+$/.test(token)) lineIndicators = 0;
    }
    offset += token.length;
  }
  return undefined;
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

/** Converts the YAML AST into plain data, recording ranges and enforcing alias, depth and duplicate-key rules. */
class Walker {
  readonly diagnostics: Diagnostic[] = [];
  /** Set by the first fatal finding; duplicate keys are not fatal, so that all of them are reported. */
  private stopped = false;
  private aliases = 0;
  private expanded = 0;
  private aliasTargets: Map<Alias, Node | undefined> | undefined;

  constructor(
    private readonly doc: Document,
    private readonly source: SourceFile,
  ) {}

  /** `alias` is the outermost alias being expanded, if any: values reached through it count against the expansion limit. */
  walk(node: unknown, pointer: string, depth: number, keyRange: [number, number] | undefined, alias?: Alias): unknown {
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
      const target = this.resolve(node);
      if (target === undefined) {
        this.fail('LVS005', `YAML syntax error: the alias \`*${node.source}\` refers to no anchor before it`, node,
          `define \`&${node.source}\` on a value before this alias, or write the value out`);
        return undefined;
      }
      this.record(pointer, node as Node, keyRange);
      return this.walk(target, pointer, depth + 1, keyRange, alias ?? node);
    }
    if (node == null) return null;
    this.record(pointer, node as Node, keyRange);
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
      const out: Record<string, unknown> = Object.create(null);
      const keys = new Map<string, [number, number] | undefined>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key;
        if (!isScalar(key) || (typeof key.value !== 'string' && typeof key.value !== 'number')) {
          this.fail('LVS011', 'map keys must be plain strings', key ?? node, 'write the key as a plain word');
          return undefined;
        }
        const name = String(key.value);
        const childPointer = joinPointer(pointer, name);
        const kr = key.range ? ([key.range[0], key.range[1]] as [number, number]) : undefined;
        if (keys.has(name)) this.duplicate(name, kr, keys.get(name));
        else keys.set(name, kr);
        out[name] = this.walk(pair.value, childPointer, depth + 1, kr, alias);
        if (pair.value == null && kr) this.source.ranges.set(childPointer, { value: kr, key: kr });
      }
      return { ...out };
    }
    if (isSeq(node)) {
      return node.items.map((item, i) => this.walk(item, joinPointer(pointer, i), depth + 1, undefined, alias));
    }
    this.fail('LVS011', 'unsupported YAML node', node, 'use plain mappings, lists and scalars');
    return undefined;
  }

  /**
   * The node an alias stands for: the last node before it with that anchor (YAML 1.2). Computed for
   * all aliases in one pass, as yaml's own Alias.resolve walks the whole document on every call.
   */
  private resolve(alias: Alias): Node | undefined {
    if (!this.aliasTargets) {
      const targets = new Map<Alias, Node | undefined>();
      const anchors = new Map<string, Node>();
      visit(this.doc, {
        Node: (_key, node) => {
          if (isAlias(node)) targets.set(node, anchors.get(node.source));
          else if (node.anchor) anchors.set(node.anchor, node);
        },
      });
      this.aliasTargets = targets;
    }
    return this.aliasTargets.get(alias);
  }

  private duplicate(name: string, range: [number, number] | undefined, first: [number, number] | undefined): void {
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

  private record(pointer: string, node: Node, keyRange: [number, number] | undefined): void {
    const r = node.range;
    if (!r) return;
    const entry: { value: [number, number]; key?: [number, number] } = { value: [r[0], r[1]] };
    if (keyRange) entry.key = keyRange;
    this.source.ranges.set(pointer, entry);
  }

  private fail(code: string, message: string, node: unknown, help: string): void {
    this.stopped = true;
    const r = (node as Node | undefined)?.range;
    this.diagnostics.push(diag(code, message, r ? this.spanOf(r) : undefined, help));
  }
}
