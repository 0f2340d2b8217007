// Stage and commit: the only code that writes to disk puts a compiled bundle into its directory, changing
// only what differs, staging every new byte first so a failure leaves the previous bundle intact.
import { chmodSync, closeSync, existsSync, fchmodSync, fstatSync, mkdirSync, openSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, rmdirSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import type { EmittedFile } from '../targets/types.js';
import { InsideCheck, lstatOrUndefined } from './containment.js';
import { BundleError, CACHE_FILE, MANIFEST, STAGING, type BuildCache } from './layout.js';
import { bundlePath, renderManifest, sha256, type Manifest } from './manifest.js';

export { BundleError };

/** What {@link writeBundle} did. */
export interface WriteStats {
  /** Bundle paths written (new or changed), manifest.json included when it changed. */
  written: string[];
  /** How many files already had their content and mode. */
  unchanged: number;
  /** Bundle paths of the previous manifest that this one does not list, removed. */
  removed: string[];
}

/** One file to be in the bundle: the manifest's entries and manifest.json itself. */
interface Planned {
  path: string;
  content: string;
  mode: number;
  /** Where the new content was staged, when it differs from the bundle's. */
  staged?: string;
}

/** The previous lvscc manifest in `dir`, undefined when there is none (or it is not lvscc's). */
function readManifest(dir: string): Manifest | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Manifest;
    return parsed.generator === 'lvscc' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the file on disk already has this content and mode. Sizes are compared first; equal sizes
 * are compared byte for byte, so that a file changed by hand is always rewritten.
 */
function sameFile(path: string, stat: Stats | undefined, content: string, mode: number): 'same' | 'mode' | 'differs' {
  try {
    if (!stat?.isFile()) return 'differs';
    const bytes = Buffer.from(content);
    if (stat.size !== bytes.length || !readFileSync(path).equals(bytes)) return 'differs';
    return (stat.mode & 0o7777) === mode ? 'same' : 'mode';
  } catch {
    return 'differs';
  }
}

/**
 * Writes the bundle into `dir` (created when absent). Refuses a non-empty directory that is not an lvscc
 * bundle, and any path that resolves outside `dir`. Unchanged files are not touched (their mtime stays);
 * manifest.json is moved in after every new or changed file; files the previous manifest listed and this
 * one does not are removed after that; the build cache, when `cache` is given, is written last.
 *
 * @param files - the bundle's files, as `compile()` returns them
 * @param manifest - their manifest, as `compile()` returns it
 * @param cache - the build key and warnings to record in `.lvscc-cache.json`; without it no cache is written
 * @throws {@link BundleError} for a refusal or an I/O failure; a failure before anything is moved in
 *   (while checking or staging) leaves the previous bundle's files as they were
 */
export function writeBundle(dir: string, files: readonly EmittedFile[], manifest: Manifest, cache?: Omit<BuildCache, 'manifest'>): WriteStats {
  try {
    return write(dir, files, manifest, cache);
  } catch (error) {
    if (error instanceof BundleError) throw error;
    const e = error as NodeJS.ErrnoException;
    throw new BundleError(`cannot write the bundle to ${dir}: ${e.code ?? ''} ${e.message}`.trim());
  }
}

function write(dir: string, files: readonly EmittedFile[], manifest: Manifest, cache: Omit<BuildCache, 'manifest'> | undefined): WriteStats {
  let previous: Manifest | undefined;
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new BundleError(`${dir} exists and is not a directory`);
    const entries = readdirSync(dir).filter((e) => e !== STAGING && e !== CACHE_FILE);
    if (entries.length) {
      previous = readManifest(dir);
      if (!previous) throw new BundleError(`refusing to write into ${dir}: it is not empty and holds no lvscc manifest.json`);
    }
  } else {
    mkdirSync(dir, { recursive: true });
  }
  const root = realpathSync(dir);
  // From here on the bundle is not what the cache describes; the cache is written again once it is.
  rmSync(join(root, CACHE_FILE), { force: true });

  const planned: Planned[] = files.map((f) => ({ path: bundlePath(f), content: f.content, mode: f.mode }));
  const manifestText = renderManifest(manifest);
  planned.push({ path: MANIFEST, content: manifestText, mode: 0o644 });

  // 1. Stage every new or changed file; nothing in the bundle changes yet. A host whose directory is not in
  //    the bundle yet (every host of a fresh bundle) is staged as its own tree, to be moved in with one rename;
  //    other files are staged flat under numbered names, to be moved in one by one.
  const staging = join(root, STAGING);
  rmSync(staging, { recursive: true, force: true });
  const toRename: Planned[] = [];
  const toChmod: Planned[] = [];
  /** Host directory (`hosts/<name>`) -> whether it is new, i.e. staged whole. */
  const newHost = new Map<string, boolean>();
  /** Directories made in the staging tree (one mkdir each, parents first). */
  const stagedDirs = new Set<string>([staging]);
  let unchanged = 0;
  try {
    const inside = new InsideCheck(root);
    mkdirSync(staging);
    for (const file of planned) {
      const target = join(root, file.path);
      const host = hostDir(file.path);
      if (host !== undefined) {
        let isNew = newHost.get(host);
        if (isNew === undefined) {
          const hostPath = join(root, host);
          const stat = inside.stat(hostPath);
          inside.assert(hostPath, stat);
          newHost.set(host, (isNew = stat === undefined));
        }
        if (isNew) {
          const staged = join(staging, file.path);
          makeDirs(dirname(staged), stagedDirs);
          writeStaged((file.staged = staged), file);
          continue;
        }
      }
      const stat = inside.stat(target);
      inside.assert(target, stat);
      const state = sameFile(target, stat, file.content, file.mode);
      if (state === 'same') unchanged++;
      else if (state === 'mode') toChmod.push(file);
      else {
        file.staged = join(staging, String(toRename.length));
        writeStaged(file.staged, file);
        toRename.push(file);
      }
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }

  // 2. Move staged hosts and files into place (manifest last), fix modes, remove what is no longer produced.
  // Directories may have changed since the first check: look at them afresh.
  const inside = new InsideCheck(root);
  const newHosts = [...newHost].filter(([, isNew]) => isNew).map(([host]) => host);
  if (newHosts.length) {
    const first = mkdirSync(join(root, 'hosts'), { recursive: true });
    if (first !== undefined) inside.created(first, join(root, 'hosts'));
  }
  for (const host of newHosts) {
    const target = join(root, host);
    inside.assert(target, lstatOrUndefined(target));
    renameSync(join(staging, host), target);
  }
  const manifestFirst = (a: Planned, b: Planned): number => Number(a.path === MANIFEST) - Number(b.path === MANIFEST);
  const ensured = new Set<string>();
  /** Directories this run created: the files to go in them are surely not there yet. */
  const fresh = new Set<string>();
  for (const file of toRename.sort(manifestFirst)) {
    const target = join(root, file.path);
    const parent = dirname(target);
    if (!ensured.has(parent)) {
      const first = mkdirSync(parent, { recursive: true });
      ensured.add(parent);
      if (first !== undefined) {
        inside.created(first, parent);
        fresh.add(parent);
      }
    }
    inside.assert(target, fresh.has(parent) ? undefined : lstatOrUndefined(target));
    try {
      renameSync(file.staged!, target);
    } catch (error) {
      // A directory where the file belongs (rename cannot replace it): remove it, then move the file in.
      if (!lstatOrUndefined(target)?.isDirectory()) throw error;
      rmSync(target, { recursive: true });
      renameSync(file.staged!, target);
    }
  }
  for (const file of toChmod) chmodSync(join(root, file.path), file.mode);
  rmSync(staging, { recursive: true, force: true });

  const wanted = new Set(planned.map((f) => f.path));
  const removed: string[] = [];
  for (const host of Object.values(previous?.hosts ?? {})) {
    for (const f of host.files ?? []) {
      if (wanted.has(f.path) || typeof f.path !== 'string' || !f.path.startsWith('hosts/')) continue;
      const target = join(root, f.path);
      inside.assert(target, lstatOrUndefined(target));
      if (existsSync(target)) {
        rmSync(target, { force: true });
        removed.push(f.path);
        for (const pruned of pruneEmptyDirs(root, dirname(target))) inside.removed(pruned);
      }
    }
  }
  if (cache) {
    const staged = join(root, `${CACHE_FILE}.new`);
    const target = join(root, CACHE_FILE);
    inside.assert(staged, lstatOrUndefined(staged));
    inside.assert(target, lstatOrUndefined(target));
    writeFileSync(staged, `${JSON.stringify({ key: cache.key, manifest: sha256(manifestText), diagnostics: cache.diagnostics } satisfies BuildCache)}\n`, { mode: 0o644 });
    renameSync(staged, target);
  }
  return { written: planned.filter((f) => f.staged !== undefined).map((f) => f.path), unchanged, removed: removed.sort() };
}

/** `hosts/<name>` for a path in a host's directory, undefined for files at the top of the bundle. */
function hostDir(path: string): string | undefined {
  const slash = path.indexOf('/', 'hosts/'.length);
  return path.startsWith('hosts/') && slash > 0 ? path.slice(0, slash) : undefined;
}

/** mkdir -p `dir` where `made` lists every directory that exists: one mkdir per missing directory, no failed calls. */
function makeDirs(dir: string, made: Set<string>): void {
  if (made.has(dir)) return;
  makeDirs(dirname(dir), made);
  mkdirSync(dir);
  made.add(dir);
}

/**
 * Writes one staged copy with exactly the file's mode, whatever the umask. Staging paths are new
 * (O_EXCL); the mode is changed only where the umask took bits away, since on some disks every
 * chmod costs a journal update.
 */
function writeStaged(path: string, file: Planned): void {
  const fd = openSync(path, 'wx', file.mode);
  try {
    writeFileSync(fd, file.content);
    if ((fstatSync(fd).mode & 0o7777) !== file.mode) fchmodSync(fd, file.mode);
  } finally {
    closeSync(fd);
  }
}

/** Removes `dir` and the directories above it while they are empty; returns the ones removed. */
function pruneEmptyDirs(root: string, dir: string): string[] {
  const pruned: string[] = [];
  while (dir !== root && dir.startsWith(root + sep)) {
    try {
      if (readdirSync(dir).length) break;
      rmdirSync(dir);
    } catch {
      break;
    }
    pruned.push(dir);
    dir = dirname(dir);
  }
  return pruned;
}
