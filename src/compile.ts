// The pure compiler front end and back end: text in, diagnostics and emitted files out. No disk access.
import { basename } from 'node:path';
import { buildManifest, bundlePath, type Manifest } from './bundle/manifest.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/types.js';
import { runLint } from './lint/engine.js';
import { buildModel } from './model/build.js';
import type { TopologyInput } from './model/input.js';
import type { Model } from './model/types.js';
import { validateSchema } from './schema/index.js';
import { loadTopology, type LoadOptions } from './source/load.js';
import { planHosts } from './plan/host-plan.js';
import { targets } from './targets/index.js';
import type { EmittedFile, TargetContext } from './targets/types.js';
import { lvsccVersion } from './version.js';
import type { SourceFile } from './source/source-file.js';

export type Phase = 'parse' | 'schema' | 'model' | 'lint' | 'render';

export interface LintOptions extends LoadOptions {
  /** Name shown in diagnostics. Default `topology.yaml`. */
  fileName?: string;
  /** Called with each phase's wall time in milliseconds (used by `npm run bench`). */
  onPhase?: (phase: Phase, milliseconds: number) => void;
}

/** Runs `work`, reporting its duration to `onPhase` when given. */
function timed<T>(phase: Phase, onPhase: LintOptions['onPhase'], work: () => T): T {
  if (!onPhase) return work();
  const start = performance.now();
  const result = work();
  onPhase(phase, performance.now() - start);
  return result;
}

export interface LintResult {
  source: SourceFile;
  /** Present when the topology loaded, validated and resolved (lint findings may still exist). */
  model?: Model;
  diagnostics: Diagnostic[];
}

/** Loads, validates and lints a topology. Never throws for bad input. */
export function lint(input: string | Uint8Array, options: LintOptions = {}): LintResult {
  const fileName = options.fileName ?? 'topology.yaml';
  const { onPhase } = options;
  const loaded = timed('parse', onPhase, () => loadTopology(input, fileName, options));
  if (loaded.diagnostics.length) return { source: loaded.source, diagnostics: sortDiagnostics(loaded.diagnostics) };
  const schemaDiagnostics = timed('schema', onPhase, () => validateSchema(loaded.data, loaded.source));
  if (schemaDiagnostics.length) return { source: loaded.source, diagnostics: sortDiagnostics(schemaDiagnostics) };
  const built = timed('model', onPhase, () => buildModel(loaded.data as TopologyInput, loaded.source));
  if (!built.model) return { source: loaded.source, diagnostics: sortDiagnostics(built.diagnostics) };
  const model = built.model;
  const diagnostics = timed('lint', onPhase, () => runLint(model, loaded.source));
  return { source: loaded.source, model: built.model, diagnostics: sortDiagnostics(diagnostics) };
}

export { hasErrors };

export interface CompileOptions extends LintOptions {
  /** lvscc version recorded in the manifest. Default: this package's version. */
  version?: string;
}

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
  files.sort((a, b) => compareText(bundlePath(a), bundlePath(b)));
  for (let i = 1; i < files.length; i++) {
    if (bundlePath(files[i]!) === bundlePath(files[i - 1]!)) {
      diagnostics.push({
        code: 'LVS901',
        severity: 'error',
        message: `internal error: targets ${files[i - 1]!.target} and ${files[i]!.target} both emit ${bundlePath(files[i]!)}`,
        related: [],
      });
    }
  }
  const sorted = sortDiagnostics(diagnostics);
  if (hasErrors(sorted)) return { ...linted, diagnostics: sorted, files: [] };
  const manifest = buildManifest(model, files, { file: basename(fileName), bytes: input }, options.version ?? lvsccVersion);
  return { ...linted, diagnostics: sorted, files, manifest };
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

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
