// The compiler front end: text in, located diagnostics, the linted model and (without errors) the
// resolved model and host plans out. No disk access, and no templates, renderer or bundle writer, so
// that `lvscc lint` loads none of them; it runs the targets' platform limits, which are part of lint.
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/types.js';
import { runLint, toDiagnostic } from './lint/engine.js';
import { buildModel } from './model/build.js';
import type { TopologyInput } from './model/input.js';
import { resolveModel, type ResolvedModel } from './model/resolved.js';
import type { Model } from './model/types.js';
import { planHosts, type HostPlan } from './plan/host-plan.js';
import { validateSchema } from './schema/index.js';
import { loadTopology, type LoadOptions } from './source/load.js';
import type { SourceFile } from './source/source-file.js';
import { targetLimits } from './targets/scope.js';
import { targets } from './targets/index.js';

/** The stages of the compiler that `onPhase` times. */
export type Phase = 'parse' | 'schema' | 'model' | 'lint' | 'render';

/** Options of {@link lint}; `maxBytes` (default 1 MiB) is the largest input accepted. */
export interface LintOptions extends LoadOptions {
  /** Name shown in diagnostics. Default `topology.yaml`. */
  fileName?: string;
  /** Called with each phase's wall time in milliseconds (used by `npm run bench`). */
  onPhase?: (phase: Phase, milliseconds: number) => void;
}

/** Runs `work`, reporting its duration to `onPhase` when given. */
export function timed<T>(phase: Phase, onPhase: LintOptions['onPhase'], work: () => T): T {
  if (!onPhase) return work();
  const start = performance.now();
  const result = work();
  onPhase(phase, performance.now() - start);
  return result;
}

/** What {@link lint} returns. */
export interface LintResult {
  /** The input's text and name, which renderHuman quotes. */
  source: SourceFile;
  /** Present when the topology loaded, validated and resolved (lint findings may still exist). */
  model?: Model;
  /** Present when lint found no errors: the model as targets read it, and every host's plan. */
  resolved?: { model: ResolvedModel; plans: HostPlan[] };
  /** Every finding, sorted by position. */
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
  const source = loaded.source;
  return timed('lint', onPhase, (): LintResult => {
    const diagnostics = runLint(model, source);
    if (hasErrors(diagnostics)) return { source, model, diagnostics: sortDiagnostics(diagnostics) };
    const narrowed = resolveModel(model);
    if ('problems' in narrowed) {
      for (const problem of narrowed.problems)
        diagnostics.push(internalError(`lint accepted a topology it should refuse: ${problem.message}`, source.spanAt(problem.pointer)));
      return { source, model, diagnostics: sortDiagnostics(diagnostics) };
    }
    const plans = planHosts(narrowed.model);
    for (const target of targets) {
      try {
        for (const finding of targetLimits(target, narrowed.model, plans)) {
          if (!finding.code.startsWith('LVS3'))
            diagnostics.push(internalError(`target ${target.id} reported ${finding.code}, which is not a target code (LVS3xx)`));
          else diagnostics.push(toDiagnostic(finding, source));
        }
      } catch (error) {
        diagnostics.push(internalError(`in the limits of target ${target.id}: ${error instanceof Error ? error.message : String(error)}`));
      }
    }
    const sorted = sortDiagnostics(diagnostics);
    return hasErrors(sorted) ? { source, model, diagnostics: sorted } : { source, model, resolved: { model: narrowed.model, plans }, diagnostics: sorted };
  });
}

/** An LVS901 diagnostic: lvscc broke one of its own promises. */
export function internalError(message: string, span?: Diagnostic['span']): Diagnostic {
  return {
    code: 'LVS901',
    severity: 'error',
    message: `internal error: ${message}`,
    ...(span && { span }),
    related: [],
    help: 'this is a bug in lvscc; please report it with the topology that triggers it',
  };
}
