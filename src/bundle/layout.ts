// What a bundle directory holds besides the bundle's files, and the error its readers and writers raise:
// shared by the writer (write.ts) and the build cache (build-cache.ts) so that neither imports the other.
import type { Diagnostic } from '../diagnostics/types.js';

/** The bundle's manifest, at the top of the bundle directory; the writer moves it in after every other new or changed file. */
export const MANIFEST = 'manifest.json';
/** Where the writer stages new bytes inside the bundle directory; left behind only by a build interrupted while moving files in. */
export const STAGING = '.lvscc-staging';
/** The build cache (src/bundle/build-cache.ts), next to manifest.json; not part of the bundle (the manifest does not list it). */
export const CACHE_FILE = '.lvscc-cache.json';

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
