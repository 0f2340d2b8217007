// Test helpers: lint inline YAML and pick diagnostics by code.
import { lint } from '../src/compile.js';
import type { Diagnostic } from '../src/diagnostics/types.js';

/** Lints YAML text (leading newline and common indentation removed, so line 1 is the first YAML line). */
export function lintYaml(text: string): Diagnostic[] {
  return lint(dedent(text), { fileName: 'test.yaml' }).diagnostics;
}

export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

/** The diagnostics with one code, as `{ code, severity, line }` triples plus the message. */
export function findings(diagnostics: Diagnostic[], code: string): { code: string; severity: string; line: number | undefined; message: string }[] {
  return diagnostics
    .filter((d) => d.code === code)
    .map((d) => ({ code: d.code, severity: d.severity, line: d.span?.line, message: d.message }));
}
