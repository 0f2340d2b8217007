// What the last build wrote, so that rebuilding the same input with the same lvscc checks the bundle instead of compiling it again.
import { existsSync, readFileSync, readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../diagnostics/types.js';
import { InsideCheck } from './containment.js';
import { CACHE_FILE, CURRENT, HOSTS, LINK_TARGET, MANIFEST, STAGING, STATE_DIR, TOPOLOGY_PICTURE, generationNumber, type BuildCache } from './layout.js';
import { sha256, type Manifest } from './manifest.js';

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
let identity: string | undefined;

/** Every file under `dir` (relative paths, sorted), or none when it does not exist. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .sort();
}

/** The installed package.json of a dependency, found as Node finds the package (nearest node_modules up the tree). */
function dependencyManifest(root: string, name: string): string {
  for (let dir = root; ; dir = dirname(dir)) {
    const path = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(path)) return readFileSync(path, 'utf8');
    if (dir === dirname(dir)) return 'missing';
  }
}

/**
 * What decides the bytes of a bundle besides the input, for the lvscc package at `root`: its code as it is
 * on disk (dist/), its templates and schema, package.json, the installed package.json of every run-time
 * library, and Node's version. A change to any of them means a full build.
 */
export function identityOf(root: string): string {
  const parts: string[] = [process.version];
  for (const top of ['dist', 'templates', 'schema']) {
    const dir = join(root, top);
    for (const file of filesUnder(dir)) {
      if (top === 'dist' && !/\.(c?js|json)$/.test(file)) continue;
      parts.push(`${top}/${file}`, sha256(readFileSync(join(dir, file))));
    }
  }
  const pkg = readFileSync(join(root, 'package.json'), 'utf8');
  parts.push('package.json', sha256(pkg));
  for (const name of Object.keys((JSON.parse(pkg) as { dependencies?: Record<string, string> }).dependencies ?? {}).sort()) {
    parts.push(name, sha256(dependencyManifest(root, name)));
  }
  return sha256(parts.join('\n'));
}

/** {@link identityOf} the running lvscc, once per process (about 1 MB read). */
export function lvsccIdentity(): string {
  return (identity ??= identityOf(packageRoot));
}

/** The key of one build: lvscc's identity, the input file's name as given (diagnostics print it) and its bytes. */
export function buildKey(lvscc: string, fileName: string, input: string | Uint8Array): string {
  return sha256(`${lvscc}\n${JSON.stringify(fileName)}\n${sha256(input)}`);
}

/** What a rebuild that finds the bundle current reports. */
export interface CurrentBundle {
  diagnostics: Diagnostic[];
  /** Files in the bundle, manifest.json included. */
  files: number;
  hosts: string[];
}

/**
 * The previous build's report when `dir` holds exactly what a build with `key` writes: the cache names
 * that key, manifest.json is byte for byte the one that build wrote, and every file the manifest lists is
 * a regular file inside the bundle with its mode and sha256. Anything else (a file edited, removed or
 * re-moded by hand, a symlink, an interrupted or running build, another lvscc) is undefined: build in full.
 */
export function currentBundle(dir: string, key: string): CurrentBundle | undefined {
  try {
    const root = realpathSync(dir);
    if (existsSync(join(root, STAGING))) return undefined;
    // The writer's layout, with nothing but the current generation in its state directory (no lock, no leftovers).
    if (readlinkSync(join(root, MANIFEST)) !== LINK_TARGET[MANIFEST] || readlinkSync(join(root, HOSTS)) !== LINK_TARGET[HOSTS]) return undefined;
    const current = readlinkSync(join(root, STATE_DIR, CURRENT));
    if (generationNumber(current) === undefined) return undefined;
    const state = readdirSync(join(root, STATE_DIR)).sort();
    if (state.length !== 2 || state[0] !== CURRENT || state[1] !== current) return undefined;
    const cache = JSON.parse(readFileSync(join(root, CACHE_FILE), 'utf8')) as Partial<BuildCache>;
    if (cache.key !== key || !Array.isArray(cache.diagnostics)) return undefined;
    const manifestBytes = readFileSync(join(root, MANIFEST));
    if (sha256(manifestBytes) !== cache.manifest) return undefined;
    const manifest = JSON.parse(manifestBytes.toString('utf8')) as Manifest;
    const inside = new InsideCheck(root);
    let files = 1;
    // The hosts' files and the files of no host (topology.md, a link into the generation), each as the manifest lists it.
    const clusterFiles = manifest.clusterFiles ?? [];
    if (clusterFiles.length > 0 && readlinkSync(join(root, TOPOLOGY_PICTURE)) !== LINK_TARGET[TOPOLOGY_PICTURE]) return undefined;
    for (const file of [
      ...Object.values(manifest.hosts).flatMap((host) => host.files),
      ...clusterFiles.map((f) => ({ ...f, path: join(STATE_DIR, CURRENT, f.path) })),
    ]) {
      const path = join(root, file.path);
      const stat = inside.stat(path);
      inside.assert(path, stat);
      if (!stat?.isFile() || (stat.mode & 0o7777) !== parseInt(file.mode, 8)) return undefined;
      if (sha256(readFileSync(path)) !== file.sha256) return undefined;
      files++;
    }
    return { diagnostics: cache.diagnostics, files, hosts: Object.keys(manifest.hosts) };
  } catch {
    return undefined;
  }
}
