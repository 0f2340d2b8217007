// The pure compiler front end and back end: text in, diagnostics and emitted files out. No disk access.
import { basename } from 'node:path';
import { buildManifest, bundlePath, type Manifest } from './bundle/manifest.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/types.js';
import { lint, timed, type LintOptions, type LintResult } from './front-end.js';
import { planHosts } from './plan/host-plan.js';
import { targets } from './targets/index.js';
import type { EmittedFile, TargetContext } from './targets/types.js';
import { lvsccVersion } from './version.js';
import { compareText } from './util/compare.js';

export { hasErrors, lint };
export type { LintOptions, LintResult };
export type { Phase } from './front-end.js';

/** Options of {@link compile}: those of {@link lint}, and the version to record. */
export interface CompileOptions extends LintOptions {
  /** lvscc version recorded in the manifest. Default: this package's version. */
  version?: string;
}

/** What {@link compile} returns: the lint result, and the bundle when there are no errors. */
export interface CompileResult extends LintResult {
  /** Every file of the bundle, sorted by bundle path; empty when there are errors. */
  files: EmittedFile[];
  /** Absent when there are errors. */
  manifest?: Manifest;
}

/** Lints the topology and, when it has no errors, renders every target. Pure: touches no disk. */
export function compile(input: string | Uint8Array, options: CompileOptions = {}): CompileResult {
  const linted = lint(input, options);
  if (!linted.model || hasErrors(linted.diagnostics)) return { ...linted, files: [] };
  const model = linted.model;
  const diagnostics = [...linted.diagnostics];
  const fileName = options.fileName ?? 'topology.yaml';
  const files = timed('render', options.onPhase, () => {
    const context: TargetContext = {
      model,
      plans: planHosts(model),
      header: { cluster: model.cluster, source: basename(fileName) },
      report: (d) => diagnostics.push({ ...d, span: linted.source.spanAt(d.pointer), related: [] }),
    };
    return renderTargets(context, diagnostics);
  });
  // Each path is built once, not once per comparison: fleets have tens of thousands of files.
  const byPath = files.map((file) => ({ file, path: bundlePath(file) })).sort((a, b) => compareText(a.path, b.path));
  for (let i = 1; i < byPath.length; i++) {
    if (byPath[i]!.path === byPath[i - 1]!.path) {
      diagnostics.push({
        code: 'LVS901',
        severity: 'error',
        message: `internal error: targets ${byPath[i - 1]!.file.target} and ${byPath[i]!.file.target} both emit ${byPath[i]!.path}`,
        related: [],
      });
    }
  }
  byPath.forEach((entry, i) => (files[i] = entry.file));
  const sorted = sortDiagnostics(diagnostics);
  if (hasErrors(sorted)) return { ...linted, diagnostics: sorted, files: [] };
  const manifest = buildManifest(model, files, { file: basename(fileName), bytes: input }, options.version ?? lvsccVersion);
  return { ...linted, diagnostics: sorted, files, manifest };
}


/** Runs every target; a target that throws becomes an LVS901 diagnostic. */
function renderTargets(context: TargetContext, diagnostics: Diagnostic[]): EmittedFile[] {
  const files: EmittedFile[] = [];
  for (const target of targets) {
    try {
      files.push(...target.render(context));
    } catch (error) {
      diagnostics.push({
        code: 'LVS901',
        severity: 'error',
        message: `internal error in target ${target.id}: ${error instanceof Error ? error.message : String(error)}`,
        related: [],
        help: 'this is a bug in lvscc; please report it with the topology that triggers it',
      });
    }
  }
  return files;
}
