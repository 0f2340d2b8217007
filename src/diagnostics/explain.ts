// Long explanations of diagnostic codes, kept as docs/codes/<CODE>.md.
import { readFileSync } from 'node:fs';
import { codes } from './codes.js';

/** The explanation text of a code, or undefined for an unknown code. */
export function explain(code: string): string | undefined {
  const normalized = code.trim().toUpperCase();
  if (!codes.has(normalized)) return undefined;
  return readFileSync(new URL(`../../docs/codes/${normalized}.md`, import.meta.url), 'utf8');
}
