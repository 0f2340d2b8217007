// The compiler front end: text in, located diagnostics and the resolved model out. No disk access, and
// nothing of the back end (targets, templates, manifest), so that `lvscc lint` loads none of it.
import { sortDiagnostics, type Diagnostic } from './diagnostics/types.js';
import { runLint } from './lint/engine.js';
import { buildModel } from './model/build.js';
import type { TopologyInput } from './model/input.js';
import type { Model } from './model/types.js';
import { validateSchema } from './schema/index.js';
import { loadTopology, type LoadOptions } from './source/load.js';
import type { SourceFile } from './source/source-file.js';

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
  const diagnostics = timed('lint', onPhase, () => runLint(model, loaded.source));
  return { source: loaded.source, model: built.model, diagnostics: sortDiagnostics(diagnostics) };
}

