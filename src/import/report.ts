// Text and JSON forms of an import's outcome: located problems (lint's renderer, one source file at a time),
// the native / carried / dropped report, lint's findings on the topology and the round-trip differences.
import { renderHuman } from '../diagnostics/render-human.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { SourceFile } from '../source/source-file.js';
import { formatDifference, type Comparison, type Difference } from './compare.js';
import type { ImportResult } from './index.js';

/** The problems rendered as lint renders diagnostics, each with the file it points into. */
export function renderProblems(result: ImportResult, color = false): string {
  const bySource = new Map<string, Diagnostic[]>();
  for (const p of result.problems) bySource.set(p.span?.file ?? '', [...(bySource.get(p.span?.file ?? '') ?? []), p]);
  let out = '';
  for (const [file, problems] of bySource) {
    const source = result.sources.find((s) => s.name === file) ?? new SourceFile(file || 'input', '');
    out += renderHuman(problems, source, { color }).replace(/\n[^\n]*: \d+ (errors?|warnings?)[^\n]*\n?$/, '\n');
  }
  return out;
}

/** Counts of the report, by status. */
export function reportCounts(result: ImportResult): { native: number; carried: number; dropped: number } {
  const count = (s: string): number => result.report.filter((e) => e.status === s).length;
  return { native: count('native'), carried: count('carried'), dropped: count('dropped') };
}

/** The report as text lines for standard error. */
export function renderReport(result: ImportResult, differences?: Difference[], accepted: Comparison['accepted'] = []): string {
  const lines: string[] = [];
  for (const e of result.report) lines.push(`${e.status.padEnd(7)} ${e.what}${e.at ? `  (${e.at})` : ''}${e.reason ? `: ${e.reason}` : ''}`);
  const c = reportCounts(result);
  lines.push(`import: ${c.native} native, ${c.carried} carried, ${c.dropped} dropped`);
  for (const d of result.lint) lines.push(`lint ${d.severity} ${d.code}: ${d.message}`);
  if (differences) {
    for (const d of accepted) lines.push(`note: differs on purpose ${formatDifference(d)}: ${d.reason}`);
    for (const d of differences) lines.push(`error[LVS411]: differs ${formatDifference(d)}`);
    lines.push(differences.length ? `verify: ${differences.length} differences of meaning` : 'verify: the built configuration means what the original does');
  }
  return `${lines.join('\n')}\n`;
}

/** The whole outcome as one JSON document. */
export function reportJson(result: ImportResult, differences?: Difference[], accepted: Comparison['accepted'] = []): string {
  return `${JSON.stringify(
    {
      topology: result.yaml ?? null,
      report: result.report,
      counts: reportCounts(result),
      problems: result.problems.map((p) => ({ ...p, span: p.span && { file: p.span.file, line: p.span.line, column: p.span.column } })),
      lint: result.lint.map((d) => ({ code: d.code, severity: d.severity, message: d.message })),
      ...(differences && { differences: differences.map((d) => ({ code: 'LVS411', ...d })), accepted }),
    },
    null,
    2,
  )}\n`;
}
