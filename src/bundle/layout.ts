// What a bundle directory holds besides the bundle's files, and the error its readers and writers raise:
// shared by the writer (write.ts), the lock (lock.ts) and the build cache (build-cache.ts).
import type { Diagnostic } from '../diagnostics/types.js';

/** The bundle's manifest, at the top of the bundle directory: a symlink into the current generation. */
export const MANIFEST = 'manifest.json';
/** The bundle's picture of the cluster (topology-picture.ts), at the top of the bundle directory: a symlink into the current generation. */
export const TOPOLOGY_PICTURE = 'topology.md';
/** The bundle's host directories, at the top of the bundle directory: a symlink into the current generation. */
export const HOSTS = 'hosts';
/**
 * The writer's own directory inside the bundle directory: the generations (`gen-<N>/`, each a complete
 * bundle), the `current` symlink that names the one in use, and the build lock.
 */
export const STATE_DIR = '.lvscc';
/** The symlink in {@link STATE_DIR} whose one rename commits a build. */
export const CURRENT = 'current';
/** The build lock in {@link STATE_DIR} (lock.ts). */
export const LOCK = 'lock';
/** What the top-level {@link MANIFEST} and {@link HOSTS} symlinks point to (relative, so a copied bundle keeps working). */
export const LINK_TARGET: Readonly<Record<typeof MANIFEST | typeof HOSTS | typeof TOPOLOGY_PICTURE, string>> = {
  [MANIFEST]: `${STATE_DIR}/${CURRENT}/${MANIFEST}`,
  [HOSTS]: `${STATE_DIR}/${CURRENT}/${HOSTS}`,
  [TOPOLOGY_PICTURE]: `${STATE_DIR}/${CURRENT}/${TOPOLOGY_PICTURE}`,
};
/** The name of generation `n` in {@link STATE_DIR}. */
export const generationName = (n: number): string => `gen-${n}`;
/** The number of a generation's name, undefined for any other name. */
export function generationNumber(name: string): number | undefined {
  const m = /^gen-(0|[1-9][0-9]{0,15})$/.exec(name);
  return m ? Number(m[1]) : undefined;
}
/** Where lvscc before generations staged new bytes; removed by the next build. */
export const STAGING = '.lvscc-staging';
/** The build cache (src/bundle/build-cache.ts), next to manifest.json; not part of the bundle (the manifest does not list it). */
export const CACHE_FILE = '.lvscc-cache.json';
/** Suffix of the writer's temporary names at the top of the bundle directory (replaced by one rename each). */
export const TEMP_SUFFIX = '.lvscc-new';

/** The contents of {@link CACHE_FILE}, which the bundle writer writes last. */
export interface BuildCache {
  /** The build key (build-cache.ts `buildKey`) of the build that wrote the bundle. */
  key: string;
  /** sha256 of manifest.json as that build wrote it. */
  manifest: string;
  /** That build's diagnostics (it had no errors), printed again by a rebuild that finds the bundle current. */
  diagnostics: Diagnostic[];
}

/** A refusal or I/O failure while writing; the CLI maps it to exit 2. */
export class BundleError extends Error {}
