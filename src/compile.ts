// The pure compiler front end and back end: text in, diagnostics and emitted files out. No disk access.
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/types.js';
import { runLint } from './lint/engine.js';
import { buildModel } from './model/build.js';
import type { TopologyInput } from './model/input.js';
import type { Model } from './model/types.js';
import { validateSchema } from './schema/index.js';
import { loadTopology, type LoadOptions } from './source/load.js';
import type { SourceFile } from './source/source-file.js';

export interface LintOptions extends LoadOptions {
  /** Name shown in diagnostics. Default `topology.yaml`. */
  fileName?: string;
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
  const loaded = loadTopology(input, fileName, options);
  if (loaded.diagnostics.length) return { source: loaded.source, diagnostics: sortDiagnostics(loaded.diagnostics) };
  const schemaDiagnostics = validateSchema(loaded.data, loaded.source);
  if (schemaDiagnostics.length) return { source: loaded.source, diagnostics: sortDiagnostics(schemaDiagnostics) };
  const built = buildModel(loaded.data as TopologyInput, loaded.source);
  if (!built.model) return { source: loaded.source, diagnostics: sortDiagnostics(built.diagnostics) };
  const diagnostics = runLint(built.model, loaded.source);
  return { source: loaded.source, model: built.model, diagnostics: sortDiagnostics(diagnostics) };
}

export { hasErrors };
