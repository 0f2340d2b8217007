// Last line of defence for values written into generated configuration: one word, nothing a parser reads specially.

/**
 * Thrown when a value that should have been validated upstream (schema, model, lint) would change the
 * meaning of a generated file. It marks a bug in lvscc, never a user error: the compiler reports it as LVS901.
 */
export class UnsafeTokenError extends Error {
  constructor(
    readonly what: string,
    readonly value: string,
  ) {
    super(`internal error: ${what} ${JSON.stringify(value)} is not safe as one configuration word`);
    this.name = 'UnsafeTokenError';
  }
}

/**
 * Characters no generated word may hold: whitespace and control characters (they split or end a line),
 * quotes and braces (keepalived blocks and strings), `#` and `!` (comments in keepalived.conf and IOS),
 * `\` (keepalived line continuation) and `$` (keepalived parameter substitution).
 */
const UNSAFE = /[\s\p{Cc}"'`{}#!\\$]/u;

/** The same for IOS, plus `?`, which asks for help when the line is pasted at the CLI. */
const IOS_UNSAFE = /[\s\p{Cc}"'`{}#!\\$?]/u;

/** Returns `value` as text when it is one safe, non-empty word; throws {@link UnsafeTokenError} otherwise. */
export function safeToken(value: string | number, what: string, unsafe: RegExp = UNSAFE): string {
  const text = String(value);
  if (text.length === 0 || unsafe.test(text)) throw new UnsafeTokenError(what, text);
  return text;
}

/** {@link safeToken} for Cisco IOS configuration, which also refuses `?`. */
export function iosToken(value: string | number, what: string): string {
  return safeToken(value, what, IOS_UNSAFE);
}

/**
 * Returns `text` when it can sit inside a one-line comment: no line breaks or other control characters,
 * and for IOS no `?`, which the CLI answers with help even inside a `!` comment when the text is pasted.
 */
export function safeComment(text: string, what: string, ios = false): string {
  if (/\p{Cc}/u.test(text) || (ios && text.includes('?'))) throw new UnsafeTokenError(what, text);
  return text;
}

/** Returns `text` when it is safe words separated by single spaces, such as `-t 10.10.24.88:80`. */
export function safePhrase(text: string, what: string, unsafe: RegExp = UNSAFE): string {
  for (const word of text.split(' ')) safeToken(word, what, unsafe);
  return text;
}

/**
 * Text that a template already rendered from a checked view, to be printed by another template as it
 * is (Handlebars prints it through toString); {@link assertSafeView} passes it unchecked.
 */
export class RenderedText {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export interface SafeViewKeys {
  /** Keys whose strings are comment text, checked by {@link safeComment}. Default `header`, `note`, `notes`. */
  comments?: ReadonlySet<string>;
  /** Keys whose strings are several words, checked by {@link safePhrase}. Default none. */
  phrases?: ReadonlySet<string>;
  /**
   * Keys whose strings the templates print only as quoted words (a shell's `{{sh value}}`), where any text
   * is one word: checked for NUL only, which no quoting carries. Default none.
   */
  quoted?: ReadonlySet<string>;
  /** Check words for Cisco IOS (see {@link iosToken}). Default false. */
  ios?: boolean;
}

const DEFAULT_COMMENT_KEYS: ReadonlySet<string> = new Set(['header', 'note', 'notes']);
const NO_KEYS: ReadonlySet<string> = new Set();

type Kind = 'word' | 'comment' | 'phrase' | 'quoted';

/**
 * Checks every string and number of a view-model before a template prints it: words with {@link safeToken},
 * strings under comment keys with {@link safeComment} and under phrase keys with {@link safePhrase}.
 * Returns the view unchanged.
 */
export function assertSafeView<T>(view: T, what: string, keys: SafeViewKeys = {}): T {
  const comments = keys.comments ?? DEFAULT_COMMENT_KEYS;
  const phrases = keys.phrases ?? NO_KEYS;
  const quoted = keys.quoted ?? NO_KEYS;
  const ios = keys.ios ?? false;
  const unsafe = ios ? IOS_UNSAFE : UNSAFE;
  // Views of fleets hold hundreds of thousands of values: the path of a value (`virtualServers[3].name`)
  // is kept as segments and spelled out only for the error, which the checks below then throw.
  const path: (string | number)[] = [];
  const label = (): string => {
    let text = '';
    for (const segment of path) text = typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment;
    return `${what} ${text}`;
  };
  const visit = (value: unknown, kind: Kind): void => {
    if (value === null || value === undefined || typeof value === 'boolean' || value instanceof RenderedText) return;
    // Ports, weights, timeouts: digits only, safe in every target; fleets have hundreds of thousands.
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return;
    if (typeof value === 'string' || typeof value === 'number') {
      const text = String(value);
      if (kind === 'quoted') {
        if (text.includes('\0')) throw new UnsafeTokenError(label(), text);
      } else if (kind === 'comment') {
        if (/\p{Cc}/u.test(text) || (ios && text.includes('?'))) safeComment(text, label(), ios);
      } else if (kind === 'phrase') {
        if (text.split(' ').some((word) => word.length === 0 || unsafe.test(word))) safePhrase(text, label(), unsafe);
      } else if (text.length === 0 || unsafe.test(text)) {
        safeToken(text, label(), unsafe);
      }
      return;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        visit(value[i], kind);
        path.pop();
      }
      return;
    }
    if (typeof value === 'object') {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const next: Kind = kind === 'comment' || comments.has(key) ? 'comment' : phrases.has(key) ? 'phrase' : quoted.has(key) ? 'quoted' : kind;
        path.push(key);
        visit(record[key], next);
        path.pop();
      }
    }
  };
  visit(view, 'word');
  return view;
}
