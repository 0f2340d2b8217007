// Long explanations of diagnostic codes, kept as docs/codes/<CODE>.md.
import { readFileSync } from 'node:fs';
import { codes } from './codes.js';

/**
 * The explanation text of a code, or undefined for an unknown code. A registered code whose
 * page is missing (a packaging slip) still gets its one-line summary rather than an I/O error;
 * test/diagnostics/codes.test.ts keeps every page in place.
 */
export function explain(code: string): string | undefined {
  const normalized = code.trim().toUpperCase();
  const info = codes.get(normalized);
  if (!info) return undefined;
  try {
    return readFileSync(new URL(`../../docs/codes/${normalized}.md`, import.meta.url), 'utf8');
  } catch {
    return `# ${info.code}: ${info.name}\n\n${info.summary.charAt(0).toUpperCase() + info.summary.slice(1)}.\n`;
  }
}

/** One line per code, `LVS201  error    duplicate-address: two hosts or ...`, retired codes marked: what `lvscc explain` prints without a code. */
export function codeList(): string {
  const rows = [...codes.values()].map((c) => `${c.code}  ${c.severity.padEnd(7)}  ${c.name}: ${c.summary}${c.retired ? ' (retired)' : ''}`);
  return rows.join('\n') + '\n';
}
