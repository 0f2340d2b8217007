// The nesting check: stops yaml's parser before deeply nested flow or compact block structures, fed by the
// same lexer pass as the parser.
import { Parser, type CST } from 'yaml';
import { MAX_DEPTH } from './limits.js';

/**
 * Finds flow or compact block nesting deeper than MAX_DEPTH in yaml's lexemes, as they reach the
 * parser: the parser's cost grows steeply with depth (half a million `[` take seconds and overflow
 * the stack). Counts only what surely nests (flow brackets, and `- - -` or `? ?` on one line), so
 * it never rejects what the walker (walk.ts) would accept; the walker catches the rest.
 */
export class NestingCheck {
  /** Thrown by {@link feed} to stop the parse; the offset is in {@link deepAt}. */
  static readonly TOO_DEEP = Symbol('too deep');
  /** Offset (in UTF-16 code units of the text) of the first lexeme past the limit. */
  deepAt: number | undefined;
  /** Offset of the next lexeme: the lengths of the lexemes fed so far, markers excepted. */
  private offset = 0;
  private flowDepth = 0;
  private flowBase = 0;
  private lineIndicators = 0;

  /** Counts one lexeme; throws {@link TOO_DEEP} once the nesting passes the limit. */
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

/** yaml's Parser.parse(), over a lexer we drive ourselves so that every lexeme passes the nesting check first. */
export function* parseChecked(lexemes: Generator<string>, nesting: NestingCheck): Generator<CST.Token> {
  const parser = new Parser();
  // A manual loop, not for-of: when the composer stops early, closing this generator must not close the lexer.
  for (let lexeme = lexemes.next(); !lexeme.done; lexeme = lexemes.next()) {
    nesting.feed(lexeme.value);
    yield* parser.next(lexeme.value);
  }
  yield* parser.end();
}
