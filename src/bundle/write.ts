// The only code that writes to disk: puts a compiled bundle into its directory, changing only
// what differs, staging every new byte first so a failure leaves the previous bundle intact.
import { chmodSync, closeSync, existsSync, fchmodSync, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, rmdirSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { EmittedFile } from '../targets/types.js';
import type { BuildCache } from './build-cache.js';
import { bundlePath, renderManifest, sha256, type Manifest } from './manifest.js';

export const MANIFEST = 'manifest.json';
export const STAGING = '.lvscc-staging';
/** The build cache (src/bundle/build-cache.ts), next to manifest.json; not part of the bundle (the manifest does not list it). */
export const CACHE_FILE = '.lvscc-cache.json';

/** A refusal or I/O failure while writing; the CLI maps it to exit 2. */
export class BundleError extends Error {}

export interface WriteStats {
  written: string[];
  unchanged: number;
  removed: string[];
}

interface Planned {
  path: string;
  content: string;
  mode: number;
  /** Where the new content was staged, when it differs from the bundle's. */
  staged?: string;
}

function readManifest(dir: string): Manifest | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Manifest;
    return parsed.generator === 'lvscc' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** lstat that returns undefined for a path that cannot be stat'ed (absent, or below a non-directory). */
function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function refuseOutside(path: string): never {
  throw new BundleError(`refusing to write ${path}: it resolves outside the output directory`);
}

/** True when `real` (a resolved path) is `root` or lies below it. */
function within(root: string, real: string): boolean {
  const rel = relative(root, real);
  return !(rel === '..' || rel.startsWith('..' + sep) || resolve(root, rel) !== real);
}

/**
 * Checks that paths resolve (through any symlinks already on disk) to places inside `root`: what
 * realpath of the path, or of its nearest existing ancestor, says. Bundles hold thousands of files in
 * a few directories each, so a directory's resolved path is computed once, from its parent's and one
 * lstat, and realpath runs only where a symlink is met. Directories created or removed while the
 * check is in use must be reported to it ({@link created}, {@link removed}).
 */
export class InsideCheck {
  /** Directory -> its resolved path, or null when it does not exist. */
  private readonly resolved = new Map<string, string | null>();

  constructor(private readonly root: string) {
    this.resolved.set(root, root);
  }

  /** lstat of `path`; no system call when its directory is known to be absent. */
  stat(path: string): Stats | undefined {
    return this.resolve(dirname(path)) === null ? undefined : lstatOrUndefined(path);
  }

  /** Throws unless `path`, whose lstat is `stat` (undefined when absent), resolves inside the root. */
  assert(path: string, stat: Stats | undefined): void {
    let real: string;
    if (stat?.isSymbolicLink()) {
      if (!existsSync(path)) return this.assert(path, undefined); // dangling: as if absent
      real = realpathSync(path);
    } else if (stat) {
      real = join(this.resolve(dirname(path))!, basename(path));
    } else {
      real = this.nearest(dirname(path));
    }
    if (!within(this.root, real)) refuseOutside(path);
  }

  /** `mkdir -p dir` created `first` (as mkdirSync returns it) and the directories below it down to `dir`. */
  created(first: string, dir: string): void {
    const chain: string[] = [];
    for (let d = dir; d !== first && d !== dirname(d); d = dirname(d)) chain.push(d);
    chain.push(first);
    // Made by mkdir, so real directories: each resolves below its parent.
    let real = this.resolve(dirname(first));
    for (const d of chain.reverse()) {
      real = real === null ? null : join(real, basename(d));
      this.resolved.set(d, real);
    }
  }

  removed(dir: string): void {
    this.resolved.delete(dir);
  }

  /** Resolved path of the nearest existing directory at or above `dir`. */
  private nearest(dir: string): string {
    for (;;) {
      const real = this.resolve(dir);
      if (real !== null) return real;
      dir = dirname(dir);
    }
  }

  /** Resolved path of an existing `dir`, null when it is absent. */
  private resolve(dir: string): string | null {
    let real = this.resolved.get(dir);
    if (real !== undefined) return real;
    if (dir === dirname(dir)) real = realpathSync(dir);
    else {
      const stat = lstatOrUndefined(dir);
      if (!stat) real = null;
      else if (stat.isSymbolicLink()) real = existsSync(dir) ? realpathSync(dir) : null;
      else {
        const parent = this.resolve(dirname(dir));
        real = parent === null ? realpathSync(dir) : join(parent, basename(dir));
      }
    }
    this.resolved.set(dir, real);
    return real;
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
 * Writes the bundle into `dir`. Refuses a non-empty directory that is not an lvscc bundle.
 * Unchanged files are not touched (their mtime stays); files the previous manifest listed and
 * this one does not are removed; manifest.json is written last.
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
