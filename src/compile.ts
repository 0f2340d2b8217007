// The compiler: text in, diagnostics and emitted files out. Touches no output: it reads only lvscc's
// own templates (through the renderer), never the disk around the topology.
import { basename } from 'node:path';
import { buildManifest, bundlePath, type Manifest } from './bundle/manifest.js';
import { topologyPicture, type ClusterFile } from './bundle/topology-picture.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/types.js';
import { internalError, lint, timed, type LintOptions, type LintResult } from './front-end.js';
import { targets } from './targets/index.js';
import { renderTargets } from './targets/render.js';
import { reloadOrder } from './targets/scope.js';
import type { EmittedFile, HeaderView } from './targets/types.js';
import type { ResolvedModel } from './model/resolved.js';
import { lvsccVersion } from './version.js';
import { compareText } from './util/compare.js';

export { hasErrors, lint };
export type { LintOptions, LintResult };
export type { Phase } from './front-end.js';

/** Options of {@link compile}: those of {@link lint}, and the version to record. */
export interface CompileOptions extends LintOptions {
  /** lvscc version recorded in the manifest. Default: this package's version. */
  version?: string;
  /** Source name recorded in every file's header and the manifest. Default: the base name of `fileName`. */
  sourceName?: string;
}

/** What {@link compile} returns: the lint result, and the bundle when there are no errors. */
export interface CompileResult extends LintResult {
  /** Every file of the bundle, sorted by bundle path; empty when there are errors. */
  files: EmittedFile[];
  /** The files of the bundle that belong to no host (topology.md); empty when there are errors. */
  clusterFiles: ClusterFile[];
  /** Absent when there are errors. */
  manifest?: Manifest;
}

/** Lints the topology and, when it has no errors, renders every target. */
export function compile(input: string | Uint8Array, options: CompileOptions = {}): CompileResult {
  return renderLinted(lint(input, options), input, options);
}

/** The header every file of a compilation with `options` carries. */
export function headerOf(model: ResolvedModel, options: CompileOptions): HeaderView {
  return { cluster: model.cluster, source: options.sourceName ?? basename(options.fileName ?? 'topology.yaml') };
}

/**
 * The rendering half of {@link compile}: `linted` is `lint(input, options)`. With `only`, a partial bundle for
 * `lvscc plan`: the files of those hosts alone (the manifest lists the others with no files) and no cluster files.
 */
export function renderLinted(linted: LintResult, input: string | Uint8Array, options: CompileOptions = {}, only?: ReadonlySet<string>): CompileResult {
  const resolved = linted.resolved;
  if (!resolved) return { ...linted, files: [], clusterFiles: [] };
  const { model } = resolved;
  const plans = only ? resolved.plans.filter((p) => only.has(p.host.name)) : resolved.plans;
  const diagnostics: Diagnostic[] = [...linted.diagnostics];
  const header = headerOf(model, options);
  const rendered = timed('render', options.onPhase, () =>
    renderTargets(targets, model, plans, header, (target, message) => diagnostics.push(internalError(`in target ${target.id}: ${message}`))),
  );
  // A target that renders for its hosts without their plans (the directors' IPVS rules, the router) still renders them all.
  const files = only ? rendered.filter((f) => only.has(f.host)) : rendered;
  // The manifest takes the files in the order the targets emitted them: the order of each target's actions.
  const emitted = [...files];
  // Each path is built once, not once per comparison: fleets have tens of thousands of files.
  const byPath = files.map((file) => ({ file, path: bundlePath(file) })).sort((a, b) => compareText(a.path, b.path));
  for (let i = 1; i < byPath.length; i++) {
    if (byPath[i]!.path === byPath[i - 1]!.path) {
      diagnostics.push(internalError(`targets ${byPath[i - 1]!.file.target} and ${byPath[i]!.file.target} both emit ${byPath[i]!.path}`));
    }
  }
  byPath.forEach((entry, i) => (files[i] = entry.file));
  const sorted = sortDiagnostics(diagnostics);
  if (hasErrors(sorted)) return { ...linted, diagnostics: sorted, files: [], clusterFiles: [] };
  const source = { file: header.source, bytes: input };
  const clusterFiles = only ? [] : [topologyPicture(model, header)];
  const manifest = buildManifest(linted.model!, emitted, source, options.version ?? lvsccVersion, reloadOrder(targets), clusterFiles);
  return { ...linted, diagnostics: sorted, files, clusterFiles, manifest };
}
