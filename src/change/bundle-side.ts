// The two sides of a plan as bundles: a compiled topology, or an existing bundle directory read through its
// manifest (whose paths are checked like any input: a bundle path, under its own host, resolving inside).
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { InsideCheck } from '../bundle/containment.js';
import { MANIFEST } from '../bundle/layout.js';
import { bundlePath, type Manifest } from '../bundle/manifest.js';
import { isBundlePath } from '../bundle/write.js';
import type { EmittedFile } from '../targets/types.js';

/** A bundle as the plan compares it: its manifest, and the text of any of its files on demand. */
export interface BundleSide {
  manifest: Manifest;
  /** The text of a file the manifest lists (undefined when it cannot be read). */
  content(path: string): string | undefined;
}

/** An old bundle cannot be read or is not one; the command exits 2. */
export class BundleReadError extends Error {}

/** The side of a compiled topology: its manifest and emitted files (looked up by path only when a text is asked for, by --diff). */
export function compiledSide(manifest: Manifest, files: readonly EmittedFile[]): BundleSide {
  let byPath: Map<string, string> | undefined;
  return { manifest, content: (path) => (byPath ??= new Map(files.map((f) => [bundlePath(f), f.content]))).get(path) };
}

/** Reads the bundle directory `dir`: its manifest, checked, and its files lazily, each inside `dir`. */
export function readBundleSide(dir: string): BundleSide {
  let manifest: Manifest;
  let root: string;
  try {
    root = realpathSync(dir);
    manifest = JSON.parse(readFileSync(join(root, MANIFEST), 'utf8')) as Manifest;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new BundleReadError(`cannot read the bundle ${dir}: ${e.code === 'ENOENT' ? `no ${MANIFEST}` : (e.code ?? e.message)}`);
  }
  const problem = manifestProblem(manifest);
  if (problem) throw new BundleReadError(`${dir}/${MANIFEST} is not an lvscc manifest: ${problem}`);
  const inside = new InsideCheck(root);
  return {
    manifest,
    content(path) {
      const file = join(root, path);
      try {
        inside.assert(file, inside.stat(file));
        return readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

/** Why a parsed manifest cannot be planned against (undefined: it can). Paths are bundle paths below their own host. */
function manifestProblem(manifest: Manifest): string | undefined {
  if (manifest === null || typeof manifest !== 'object' || manifest.generator !== 'lvscc') return 'no "generator": "lvscc"';
  if (typeof manifest.cluster !== 'string' || !Array.isArray(manifest.reloadOrder)) return 'no cluster or reloadOrder';
  if (manifest.hosts === null || typeof manifest.hosts !== 'object') return 'no hosts';
  // Its strings reach a terminal and a pull-request comment: no control or bidirectional characters.
  if (hasControl(manifest)) return 'it holds control or bidirectional characters';
  for (const [name, host] of Object.entries(manifest.hosts)) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) return `host name ${JSON.stringify(name)} is not a host name`;
    if (!Array.isArray(host?.files)) return `host ${name} has no files`;
    const own = (path: unknown): boolean => isBundlePath(path) && path.startsWith(`hosts/${name}/`);
    for (const file of host.files)
      if (!own(file?.path) || typeof file.sha256 !== 'string' || typeof file.target !== 'string')
        return `a file of host ${name} has a path outside hosts/${name}/`;
    for (const script of [host.apply, host.teardown]) if (script !== undefined && !own(script)) return `a script of host ${name} is outside hosts/${name}/`;
  }
  return undefined;
}

const CONTROL = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** True when a string anywhere in `value` (keys included) holds a control or bidirectional character. */
function hasControl(value: unknown): boolean {
  if (typeof value === 'string') return CONTROL.test(value);
  if (Array.isArray(value)) return value.some(hasControl);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([k, v]) => CONTROL.test(k) || hasControl(v));
  return false;
}
