// The limits checked on yaml's lexemes as they reach its parser (nesting depth, number of values), so that
// the parse stops before the costly part; fed by the same lexer pass as the parser.
import { Parser, type CST } from 'yaml';
import { MAX_DEPTH } from './limits.js';

/** Which limit stopped the parse. */
export type LexemeLimit = 'depth' | 'values';

/**
 * Finds, in yaml's lexemes as they reach the parser:
 * - flow or compact block nesting deeper than MAX_DEPTH: the parser's cost grows steeply with depth (half a
 *   million `[` take seconds and overflow the stack). Counts only what surely nests (flow brackets, and
 *   `- - -` or `? ?` on one line), so it never rejects what the walker (walk.ts) would accept; the walker
 *   catches the rest.
 * - more scalars (keys, values, list items) than `maxValues`: yaml's parse costs about the same per value
 *   whatever the value is, so a file of tiny values (`a: 1` repeated, `[x,x,x,...]`) costs several times
 *   what a topology of the same size does.
 */
export class LexemeLimits {
  /** Thrown by {@link feed} to stop the parse; what and where are in {@link stoppedBy} and {@link stoppedAt}. */
  static readonly STOP = Symbol('lexeme limit');
  /** The limit that stopped the parse, if one did. */
  stoppedBy: LexemeLimit | undefined;
  /** Offset (in UTF-16 code units of the text) of the first lexeme past the limit. */
  stoppedAt: number | undefined;
  /** Offset of the next lexeme: the lengths of the lexemes fed so far, markers excepted. */
  private offset = 0;
  private flowDepth = 0;
  private flowBase = 0;
  private lineIndicators = 0;
  private values = 0;

  constructor(readonly maxValues: number) {}

  /** Counts one lexeme; throws {@link STOP} once the nesting or the number of values passes its limit. */
  feed(token: string): void {
    switch (token) {
      case '\u001f': // the lexer's marker before each scalar
        if (++this.values > this.maxValues) this.stop('values');
        return;
      case '\u0002': // lexer markers (document, flow end): not part of the text
      case '\u0018':
        return;
      case '[':
      case '{':
        if (this.flowDepth === 0) this.flowBase = this.lineIndicators;
        this.flowDepth++;
        if (this.flowBase + this.flowDepth > MAX_DEPTH + 1) this.stop('depth');
        break;
      case ']':
      case '}':
        if (this.flowDepth > 0) this.flowDepth--;
        break;
      case '-':
      case '?':
        if (this.flowDepth === 0 && ++this.lineIndicators > MAX_DEPTH + 1) this.stop('depth');
        break;
      default:
        if (!isBlanks(token)) this.lineIndicators = 0;
    }
    this.offset += token.length;
  }

  private stop(limit: LexemeLimit): never {
    this.stoppedBy = limit;
    this.stoppedAt = this.offset;
    throw LexemeLimits.STOP;
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

/** yaml's Parser.parse(), over a lexer we drive ourselves so that every lexeme passes the limits first. */
export function* parseChecked(lexemes: Generator<string>, limits: LexemeLimits): Generator<CST.Token> {
  const parser = new Parser();
  // A manual loop, not for-of: when the composer stops early, closing this generator must not close the lexer.
  for (let lexeme = lexemes.next(); !lexeme.done; lexeme = lexemes.next()) {
    limits.feed(lexeme.value);
    yield* parser.next(lexeme.value);
  }
  yield* parser.end();
}
