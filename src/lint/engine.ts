// Runs every registered lint rule over the model and turns their findings into located diagnostics.
import { codeInfo } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { Model } from '../model/types.js';
import type { SourceFile } from '../source/source-file.js';
import { rules } from './index.js';
import type { Finding, LintRule } from './types.js';

export function toDiagnostic(finding: Finding, source: SourceFile): Diagnostic {
  const d: Diagnostic = {
    code: finding.code,
    severity: finding.severity ?? codeInfo(finding.code).severity,
    message: finding.message,
    span: source.spanAt(finding.pointer, finding.at ?? 'value'),
    related: (finding.related ?? []).map((r) => ({ span: source.spanAt(r.pointer, r.at ?? 'value'), message: r.message })),
  };
  if (finding.label) d.label = finding.label;
  if (finding.help) d.help = finding.help;
  return d;
}

/** Runs `ruleList` (default: all registered rules). A rule that throws becomes an LVS901 diagnostic. */
export function runLint(model: Model, source: SourceFile, ruleList: readonly LintRule[] = rules): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const rule of ruleList) {
    try {
      rule.check(model, (finding) => diagnostics.push(toDiagnostic(finding, source)));
    } catch (error) {
      diagnostics.push({
        code: 'LVS901',
        severity: 'error',
        message: `internal error in lint rule ${rule.code}: ${error instanceof Error ? error.message : String(error)}`,
        related: [],
        help: 'this is a bug in lvscc; please report it with the topology that triggers it',
      });
    }
  }
  return diagnostics;
}
