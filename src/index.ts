// The public library API of lvscc (`import { compile } from 'lvscc'`): lint and compile a topology, write its
// bundle, print its diagnostics. Everything else under src/ is internal; each export's TSDoc is on its declaration.
import type { Manifest } from './bundle/manifest.js';
import type { ClusterFile } from './bundle/topology-picture.js';
import { writeBundle as writeBundleAndCache, type WriteStats } from './bundle/write.js';
import type { EmittedFile } from './targets/types.js';

// Compiling: pure functions, text in, data out; neither touches the disk or throws for bad input.
export { compile } from './compile.js';
export type { CompileOptions, CompileResult } from './compile.js';
export type { ClusterFile } from './bundle/topology-picture.js';
export { lint } from './front-end.js';
export type { LintOptions, LintResult, Phase } from './front-end.js';

// Diagnostics, and the three renderers the CLI's --format chooses between.
export { hasErrors } from './diagnostics/types.js';
export type { Diagnostic, RelatedSpan, Severity, Span } from './diagnostics/types.js';
export { renderHuman } from './diagnostics/render-human.js';
export type { HumanOptions } from './diagnostics/render-human.js';
export { renderJson } from './diagnostics/render-json.js';
export { renderSarif } from './diagnostics/render-sarif.js';
export type { SourceFile } from './source/source-file.js';
export { lvsccVersion } from './version.js';

// The bundle: what compile returns, and writing it.
export { BundleError } from './bundle/write.js';
export type { WriteStats } from './bundle/write.js';
export type { Manifest, ManifestFile, ManifestHost } from './bundle/manifest.js';
export type { EmittedFile } from './targets/types.js';

// The linted model (LintResult.model) and the resolved model with every host's plan (LintResult.resolved).
export type { ResolvedMember, ResolvedModel, ResolvedService, ResolvedTunnel, ResolvedVrrp } from './model/resolved.js';
export type { HostPlan } from './plan/host-plan.js';
export type {
  Forwarding,
  HealthCheck,
  Host,
  Interface,
  Located,
  Manager,
  Member,
  Model,
  Protocol,
  Role,
  Router,
  Service,
  Tunnel,
  Vrrp,
} from './model/types.js';
export type { Address, Family, InterfaceAddress } from './model/address.js';

/**
 * Writes a compiled bundle into `dir` (created when absent) and returns what changed. Unchanged files are
 * left alone (their mtime too), files the previous bundle had and this one does not are removed, and new
 * bytes are staged first so that a failure while checking or staging leaves the previous bundle's files as
 * they were. Refuses a non-empty directory that is not an lvscc bundle and any path that resolves outside
 * `dir` (symlinks included). Removes the CLI's build cache (`.lvscc-cache.json`), so the next `lvscc build`
 * of that directory compiles in full.
 *
 * @param dir - the bundle directory
 * @param files - `compile(...).files`, and `compile(...).clusterFiles` (topology.md) for the whole bundle
 * @param manifest - `compile(...).manifest`
 * @throws {@link BundleError} for a refusal or an I/O failure
 */
export function writeBundle(dir: string, files: readonly (EmittedFile | ClusterFile)[], manifest: Manifest): WriteStats {
  return writeBundleAndCache(dir, files, manifest);
}
