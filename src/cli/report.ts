// Prints diagnostics in the chosen format and computes the exit status.
import type { Diagnostic } from '../diagnostics/types.js';
import { renderHuman } from '../diagnostics/render-human.js';
import { renderJson } from '../diagnostics/render-json.js';
import { renderSarif } from '../diagnostics/render-sarif.js';
import type { SourceFile } from '../source/source-file.js';

/** The values of --format. */
export const FORMATS = ['human', 'json', 'sarif'] as const;

/** Writes diagnostics; human text goes to `stream` (stdout for lint, stderr for build). */
export function printDiagnostics(
  diagnostics: Diagnostic[],
  source: SourceFile,
  format: string,
  version: string,
  stream: NodeJS.WriteStream = process.stdout,
): void {
  if (format === 'json') process.stdout.write(renderJson(diagnostics, source.name));
  else if (format === 'sarif') process.stdout.write(renderSarif(diagnostics, source.name, version));
  else stream.write(renderHuman(diagnostics, source, { color: Boolean(stream.isTTY) && !process.env.NO_COLOR }));
}

/** 1 when there are errors (or warnings under --strict), else 0. */
export function exitCodeFor(diagnostics: Diagnostic[], strict: boolean): number {
  return diagnostics.some((d) => d.severity === 'error' || (strict && d.severity === 'warning')) ? 1 : 0;
}
