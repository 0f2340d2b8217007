// A loaded topology text with line/column lookup and JSON-pointer -> span lookup. Offsets, lengths and columns
// count UTF-16 code units of the text (JavaScript string indices), not bytes of the file.
import type { Span } from '../diagnostics/types.js';

/** Offsets (start, end exclusive) of one YAML node: the value itself and, for map entries, the key. */
export interface NodeRange {
  value: [number, number];
  key?: [number, number];
}

/** Finds the offsets of the node at a JSON pointer (RFC 6901); set by the loader. */
export interface NodeLocator {
  locate(pointer: string): NodeRange | undefined;
}

/** One topology's text (without a BOM) and its name as diagnostics print it. */
export class SourceFile {
  private lineStarts: number[] | undefined;
  private locator: NodeLocator | undefined;

  constructor(
    readonly name: string,
    readonly text: string,
  ) {}

  /** Called by the loader once the document has loaded. */
  setLocator(locator: NodeLocator): void {
    this.locator = locator;
  }

  /** Offsets of the node at a JSON pointer, if the document has one there. */
  rangeAt(pointer: string): NodeRange | undefined {
    return this.locator?.locate(pointer);
  }

  /** 1-based line and column of an offset; the column counts UTF-16 code units from the line's start. */
  position(offset: number): { line: number; column: number } {
    const starts = (this.lineStarts ??= computeLineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }

  /** The text of a 1-based line without its newline. */
  lineText(line: number): string {
    const starts = (this.lineStarts ??= computeLineStarts(this.text));
    const start = starts[line - 1] ?? this.text.length;
    const next = starts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end).replace(/\r$/, '');
  }

  /** The span of the text from `start` to `end` (exclusive); an `end` before `start` gives an empty span. */
  spanOf(start: number, end: number): Span {
    const a = this.position(start);
    const b = this.position(Math.max(start, end));
    return {
      file: this.name,
      offset: start,
      length: Math.max(0, end - start),
      line: a.line,
      column: a.column,
      endLine: b.line,
      endColumn: b.column,
    };
  }

  /**
   * The span of the node at a JSON pointer. With `key`, the span of the map key
   * that holds it (for "unknown key" findings). Falls back to the nearest
   * ancestor that has a range, so every pointer yields a location.
   */
  spanAt(pointer: string, which: 'value' | 'key' = 'value'): Span {
    let p = pointer;
    for (;;) {
      const range = this.rangeAt(p);
      if (range) {
        const r = which === 'key' && range.key ? range.key : range.value;
        return this.spanOf(r[0], r[1]);
      }
      if (p === '') return this.spanOf(0, 0);
      p = p.slice(0, p.lastIndexOf('/'));
      which = 'key';
    }
  }
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Escapes one JSON-pointer token (RFC 6901). */
export function pointerToken(token: string | number): string {
  const text = String(token);
  return text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text;
}

/** Unescapes one JSON-pointer token (RFC 6901): `a~1b` is `a/b`. */
export function unescapePointerToken(token: string): string {
  return token.includes('~') ? token.replace(/~1/g, '/').replace(/~0/g, '~') : token;
}

/** The unescaped tokens of a pointer: `/services/a~1b/0` is `['services', 'a/b', '0']`. */
export function pointerTokens(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map(unescapePointerToken);
}

/** `base` with each token escaped and appended: `joinPointer('/services', 'a/b', 0)` is `/services/a~1b/0`. */
export function joinPointer(base: string, ...tokens: (string | number)[]): string {
  let pointer = base;
  for (const token of tokens) pointer += '/' + pointerToken(token);
  return pointer;
}

/** The source file of an input that loaded before (its UTF-8 text without a BOM), to print that load's diagnostics again. */
export function sourceOf(input: string | Uint8Array, fileName: string): SourceFile {
  let text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return new SourceFile(fileName, text);
}
