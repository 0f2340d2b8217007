// Reads topology text into plain data plus a JSON-pointer -> span map, turning every
// malformed input (binary, bad UTF-8, YAML errors, alias bombs, deep nesting) into diagnostics.
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { codeInfo } from '../diagnostics/codes.js';
import type { Diagnostic, Span } from '../diagnostics/types.js';
import { SourceFile, joinPointer } from './source-file.js';

export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const MAX_ALIASES = 100;
export const MAX_DEPTH = 64;

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
  DUPLICATE_KEY: 'LVS007',
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
    if (input.includes(0)) return binary(fileName, input.indexOf(0));
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      const source = new SourceFile(fileName, '');
      return {
        source,
        data: undefined,
        diagnostics: [diag('LVS003', 'the file is not valid UTF-8 text', undefined, 'save the topology as UTF-8')],
      };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const source = new SourceFile(fileName, text);
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (control) {
    const code = control[0] === '\u0000' ? 'LVS002' : 'LVS002';
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

  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true, keepSourceTokens: false });
  const diagnostics: Diagnostic[] = [];
  for (const error of doc.errors) {
    const code = yamlCodes[error.code] ?? 'LVS005';
    const [start, end] = error.pos;
    diagnostics.push(diag(code, yamlMessage(error.code, error.message), source.spanOf(start, Math.min(end, text.length)), yamlHelp(code)));
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

function binary(fileName: string, at: number): LoadResult {
  const source = new SourceFile(fileName, '');
  return {
    source,
    data: undefined,
    diagnostics: [
      diag('LVS002', `the file contains a NUL byte at offset ${at}: it looks like binary data, not a YAML topology`, undefined,
        'check the file name; topologies are UTF-8 text'),
    ],
  };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.charAt(0).toLowerCase() + line.slice(1).replace(/\s+at line \d+, column \d+:?$/, '');
}

function yamlMessage(code: string, message: string): string {
  switch (code) {
    case 'TAB_AS_INDENT':
      return 'a tab is used for indentation';
    case 'DUPLICATE_KEY':
      return 'this key appears twice in the same mapping';
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
    case 'LVS007':
      return 'remove one of the two entries, or merge them';
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

/** Converts the YAML AST into plain data, recording ranges and enforcing alias and depth limits. */
class Walker {
  readonly diagnostics: Diagnostic[] = [];
  private aliases = 0;

  constructor(
    private readonly doc: Document,
    private readonly source: SourceFile,
  ) {}

  walk(node: unknown, pointer: string, depth: number, keyRange: [number, number] | undefined): unknown {
    if (this.diagnostics.length) return undefined;
    if (depth > MAX_DEPTH) {
      this.fail('LVS009', `the document nests deeper than ${MAX_DEPTH} levels`, node, 'a topology needs only a few levels; flatten this structure');
      return undefined;
    }
    if (isAlias(node)) {
      this.aliases++;
      if (this.aliases > MAX_ALIASES) {
        this.fail('LVS008', `the document uses more than ${MAX_ALIASES} aliases`, node, 'expand the aliases, or use `defaults:`');
        return undefined;
      }
      const target = node.resolve(this.doc);
      this.record(pointer, node as Node, keyRange);
      return this.walk(target, pointer, depth + 1, keyRange);
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
        out[name] = this.walk(pair.value, childPointer, depth + 1, kr);
        if (pair.value == null && kr) this.source.ranges.set(childPointer, { value: kr, key: kr });
      }
      return { ...out };
    }
    if (isSeq(node)) {
      return node.items.map((item, i) => this.walk(item, joinPointer(pointer, i), depth + 1, undefined));
    }
    this.fail('LVS011', 'unsupported YAML node', node, 'use plain mappings, lists and scalars');
    return undefined;
  }

  private record(pointer: string, node: Node, keyRange: [number, number] | undefined): void {
    const r = node.range;
    if (!r) return;
    const entry: { value: [number, number]; key?: [number, number] } = { value: [r[0], r[1]] };
    if (keyRange) entry.key = keyRange;
    this.source.ranges.set(pointer, entry);
  }

  private fail(code: string, message: string, node: unknown, help: string): void {
    const r = (node as Node | undefined)?.range;
    const span = r ? this.source.spanOf(r[0], Math.min(r[1], this.source.text.length)) : undefined;
    this.diagnostics.push(diag(code, message, span, help));
  }
}
