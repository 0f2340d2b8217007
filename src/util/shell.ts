// Quoting for POSIX shell words: every value that reaches a generated script goes through here.

const SAFE_WORD = /^[A-Za-z0-9_.:/@%+=,-]+$/;

/** Returns `value` as one shell word: bare when it has only safe characters, else single-quoted. */
export function shellQuote(value: string | number): string {
  const text = String(value);
  if (text !== '' && SAFE_WORD.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
