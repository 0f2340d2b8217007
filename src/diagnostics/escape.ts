// Control and bidirectional-format characters in diagnostic text, shown as visible escapes by every renderer.
import type { Diagnostic } from './types.js';

/**
 * Characters a terminal or viewer obeys instead of showing: C0 and C1 controls (U+0085 included), DEL,
 * the bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E-F, U+202A-E, U+2066-9),
 * zero-width characters (U+200B-D, U+2060, U+FEFF) and the line and paragraph separators (U+2028-9).
 */
// eslint-disable-next-line no-control-regex
export const invisibleCharacters = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** `text` with each invisible character as `\u{202E}` (a literal backslash escape, the same in every output). */
export function escapeInvisible(text: string): string {
  return text.replace(invisibleCharacters, (c) => `\\u{${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}}`);
}

/** A diagnostic whose message, label, help, related messages and file names are escaped for display. */
export function escapeDiagnostic(d: Diagnostic): Diagnostic {
  const out: Diagnostic = {
    ...d,
    message: escapeInvisible(d.message),
    related: d.related.map((r) => ({ span: { ...r.span, file: escapeInvisible(r.span.file) }, message: escapeInvisible(r.message) })),
  };
  if (d.span) out.span = { ...d.span, file: escapeInvisible(d.span.file) };
  if (d.label !== undefined) out.label = escapeInvisible(d.label);
  if (d.help !== undefined) out.help = escapeInvisible(d.help);
  return out;
}
