// Renders diagnostics as a stable JSON document for scripts.
import { escapeDiagnostic, escapeInvisible } from './escape.js';
import type { Diagnostic } from './types.js';

/** Diagnostics as the JSON document `lvscc lint --format json` prints: `{ file, errors, warnings, diagnostics }`. */
export function renderJson(diagnostics: readonly Diagnostic[], file: string): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return JSON.stringify({ file: escapeInvisible(file), errors, warnings, diagnostics: diagnostics.map(escapeDiagnostic) }, null, 2) + '\n';
}
