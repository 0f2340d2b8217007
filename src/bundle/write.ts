// Generations and one commit rename: the only code that writes to disk puts a compiled bundle into its directory
// so that, whenever the writer stops (an error, a full disk, SIGKILL, a crash), the directory is the whole old
// bundle or the whole new one.
//
// Design. The bundle directory DIR holds two symlinks, DIR/manifest.json -> .lvscc/current/manifest.json and
// DIR/hosts -> .lvscc/current/hosts, and DIR/.lvscc/current -> gen-<N>, a complete bundle. A build writes the
// next generation gen-<N+1> beside the current one: new and changed files are written fresh,
// unchanged files are hard links to the current generation's (same inode, so their mtime stays; a copy with
// the mtime restored where hard links are refused), the directories get mode 0755 whatever the umask. Then one rename(2) of a new symlink over .lvscc/current switches manifest.json and every
// host directory at once: that rename is the commit point, and .lvscc is fsync'ed before and after it.
// Durability against a power loss (not only a crash of lvscc) also needs every new file and directory synced
// before the commit: `durable` (`build --fsync`) does that; it costs one fsync per file, seconds on a disk for
// thousands of files, so it is a choice, not the default. The old generation is removed after the commit; files the topology no longer produces are simply not
// in the new generation. Recovery rule: anything in .lvscc that `current` does not name (a half-written
// generation, a temporary symlink, a stale lock) is garbage that the next build removes under its lock.
// Why not the manifest as commit point with files replaced in place: the manifest format fixes every file's
// path, so in-place replacement always has a window where the old manifest sits beside new bytes. Why not DIR
// itself as a symlink: users create DIR (mktemp -d), and a sibling generation would write outside DIR.
// Node has no renameat2(RENAME_EXCHANGE); rename of a symlink over a symlink is atomic everywhere.
// A rebuild where every file is unchanged writes no generation (modes changed by hand are restored in place).
// A bundle written by an lvscc before generations (real manifest.json and hosts/) is converted by its first
// build: the new generation is committed, then hosts/ and manifest.json are replaced by the symlinks, one
// rename each; only that one-time conversion has a window between two renames, which the next build repairs.
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { EmittedFile } from '../targets/types.js';
import { InsideCheck, lstatOrUndefined } from './containment.js';
import {
  BundleError,
  CACHE_FILE,
  CURRENT,
  HOSTS,
  LINK_TARGET,
  LOCK,
  MANIFEST,
  STAGING,
  STATE_DIR,
  TEMP_SUFFIX,
  TOPOLOGY_PICTURE,
  generationName,
  generationNumber,
  type BuildCache,
} from './layout.js';
import { acquireLock, processAlive } from './lock.js';
import { bundlePath, renderManifest, sha256, type Manifest } from './manifest.js';
import type { ClusterFile } from './topology-picture.js';

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
}

/** Mode of every directory the writer creates, whatever the umask (`rsync -a rootfs/ host:/` copies it to `/` and `/etc`). */
export const DIRECTORY_MODE = 0o755;

/** Names at the top of a bundle directory that belong to lvscc. */
const OWN_NAMES = new Set([
  MANIFEST,
  HOSTS,
  TOPOLOGY_PICTURE,
  `${TOPOLOGY_PICTURE}${TEMP_SUFFIX}`,
  STATE_DIR,
  CACHE_FILE,
  STAGING,
  `${CACHE_FILE}${TEMP_SUFFIX}`,
  `${CACHE_FILE}.new`,
  `${MANIFEST}${TEMP_SUFFIX}`,
  `${HOSTS}${TEMP_SUFFIX}`,
]);

/** What the bundle directory holds now. */
type Layout =
  /** No bundle yet (nothing, or only lvscc's leftovers). */
  | { kind: 'fresh' }
  /** Generations: manifest.json and hosts are the writer's symlinks; `current` is the generation in use, if any. */
  | { kind: 'generations'; current: string | undefined }
  /** A bundle from an lvscc before generations: manifest.json and hosts/ are real. */
  | { kind: 'legacy' };

/** A bundle path as lvscc writes it: `manifest.json` or `hosts/<host>/<segments>`, no empty, `.` or `..` segment. */
export function isBundlePath(path: unknown): path is string {
  if (typeof path !== 'string' || path.includes('\0') || path.includes('\\')) return false;
  if (path === MANIFEST || path === TOPOLOGY_PICTURE) return true;
  const parts = path.split('/');
  return parts.length >= 3 && parts[0] === HOSTS && parts.every((p) => p !== '' && p !== '.' && p !== '..');
}

/** The previous lvscc manifest at `path`, undefined when there is none (or it is not lvscc's). */
function readManifest(path: string): Manifest | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    return parsed?.generator === 'lvscc' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** True when `path` is a symlink whose text is exactly `target`. */
function isLinkTo(path: string, target: string): boolean {
  try {
    return readlinkSync(path) === target;
  } catch {
    return false;
  }
}

/** Reads the bundle directory `root`, or refuses it (a non-empty directory that is not an lvscc bundle). */
function layoutOf(root: string, shown: string): Layout {
  const entries = readdirSync(root);
  const foreign = entries.filter((e) => !OWN_NAMES.has(e));
  const manifestPath = join(root, MANIFEST);
  if (isLinkTo(manifestPath, LINK_TARGET[MANIFEST])) {
    return { kind: 'generations', current: currentGeneration(join(root, STATE_DIR)) };
  }
  const stat = lstatOrUndefined(manifestPath);
  if (stat?.isFile() && readManifest(manifestPath)) return { kind: 'legacy' };
  const hosts = lstatOrUndefined(join(root, HOSTS));
  const strayHosts = hosts !== undefined && !isLinkTo(join(root, HOSTS), LINK_TARGET[HOSTS]);
  if (stat || foreign.length || strayHosts) {
    throw new BundleError(`refusing to write into ${shown}: it is not empty and holds no lvscc manifest.json`);
  }
  return { kind: 'fresh' };
}

/** The generation `.lvscc/current` names, when it is one and is a real directory. */
function currentGeneration(stateDir: string): string | undefined {
  let name: string;
  try {
    name = readlinkSync(join(stateDir, CURRENT));
  } catch {
    return undefined;
  }
  if (generationNumber(name) === undefined) return undefined;
  return lstatOrUndefined(join(stateDir, name))?.isDirectory() ? name : undefined;
}

/**
 * Whether the file on disk already has this content and mode. Sizes are compared first; equal sizes
 * are compared byte for byte, so that a file changed by hand is always rewritten.
 */
function sameFile(path: string, stat: Stats | undefined, content: Buffer, mode: number): 'same' | 'mode' | 'differs' {
  try {
    if (!stat?.isFile()) return 'differs';
    if (stat.size !== content.length || !readFileSync(path).equals(content)) return 'differs';
    return (stat.mode & 0o7777) === mode ? 'same' : 'mode';
  } catch {
    return 'differs';
  }
}

/**
 * Writes the bundle into `dir` (created when absent), as described at the top of this file. Refuses a
 * non-empty directory that is not an lvscc bundle, and a build while another holds the directory's lock.
 * Unchanged files keep their inode and mtime; files the previous bundle had and this one does not are
 * gone once it commits; the build cache, when `cache` is given, is written last.
 *
 * @param files - the bundle's files, as `compile()` returns them
 * @param manifest - their manifest, as `compile()` returns it
 * @param cache - the build key and warnings to record in `.lvscc-cache.json`; without it no cache is written
 * @throws {@link BundleError} for a refusal or an I/O failure; the directory then holds the previous bundle
 */
export function writeBundle(
  dir: string,
  files: readonly (EmittedFile | ClusterFile)[],
  manifest: Manifest,
  cache?: Omit<BuildCache, 'manifest'>,
  options: WriteOptions = {},
): WriteStats {
  try {
    return write(dir, files, manifest, cache, options.durable ?? false);
  } catch (error) {
    if (error instanceof BundleError) throw error;
    const e = error as NodeJS.ErrnoException;
    throw new BundleError(`cannot write the bundle to ${dir}: ${e.code ?? ''} ${e.message}`.trim());
  }
}

/** How hard the writer works for durability. */
export interface WriteOptions {
  /** fsync every new file and directory before the commit, so that a power loss cannot leave empty files in the committed generation. Default false. */
  durable?: boolean;
}

/** Creates `dir` with {@link DIRECTORY_MODE} whatever the umask; false when it existed. */
function makeDir(dir: string): boolean {
  try {
    mkdirSync(dir, { mode: DIRECTORY_MODE });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  if ((statSync(dir).mode & 0o7777) !== DIRECTORY_MODE) chmodSync(dir, DIRECTORY_MODE);
  return true;
}

/** fsync(2) of a directory, so that the names created in it survive a crash; ignored where directories cannot be synced. */
function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EBADF' && code !== 'EPERM') throw error;
  } finally {
    closeSync(fd);
  }
}

/** Writes a new file (O_EXCL: never through an existing name) with exactly `mode`; fsyncs it when `durable`. */
function writeNew(path: string, content: Buffer, mode: number, durable: boolean): void {
  const fd = openSync(path, 'wx', mode);
  try {
    for (let at = 0; at < content.length;) at += writeSync(fd, content, at);
    if ((fstatSync(fd).mode & 0o7777) !== mode) fchmodSync(fd, mode);
    if (durable) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes `to` the same file as `from` (a hard link), or a copy with `from`'s mtime where hard links are refused. */
function linkOrCopy(from: string, to: string, stat: Stats): void {
  try {
    linkSync(from, to);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EMLINK') throw error;
  }
  copyFileSync(from, to);
  chmodSync(to, stat.mode & 0o7777);
  utimesSync(to, stat.atime, stat.mtime);
}

/** Replaces the top-level `name` of `root` by the writer's symlink, with one rename (a real directory is moved into `aside` first). */
function placeTopLink(root: string, name: keyof typeof LINK_TARGET, aside: string): boolean {
  const path = join(root, name);
  if (isLinkTo(path, LINK_TARGET[name])) return false;
  if (lstatOrUndefined(path)?.isDirectory()) renameSync(path, aside);
  const temp = `${path}${TEMP_SUFFIX}`;
  rmSync(temp, { force: true });
  symlinkSync(LINK_TARGET[name], temp);
  renameSync(temp, path);
  return true;
}

/** The top-level symlinks into the current generation, the picture's only when the bundle has one; true when any changed. */
function placeTopLinks(root: string, stateDir: string, planned: readonly Planned[]): boolean {
  let relinked = placeTopLink(root, HOSTS, join(stateDir, 'old-hosts'));
  relinked = placeTopLink(root, MANIFEST, join(stateDir, 'old-manifest')) || relinked;
  if (planned.some((f) => f.path === TOPOLOGY_PICTURE)) relinked = placeTopLink(root, TOPOLOGY_PICTURE, join(stateDir, 'old-picture')) || relinked;
  else if (isLinkTo(join(root, TOPOLOGY_PICTURE), LINK_TARGET[TOPOLOGY_PICTURE])) {
    rmSync(join(root, TOPOLOGY_PICTURE));
    relinked = true;
  }
  return relinked;
}

function write(
  dir: string,
  files: readonly (EmittedFile | ClusterFile)[],
  manifest: Manifest,
  cache: Omit<BuildCache, 'manifest'> | undefined,
  durable: boolean,
): WriteStats {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new BundleError(`${dir} exists and is not a directory`);
    layoutOf(dir, dir); // refuse a foreign directory before creating anything in it
  } else {
    mkdirSync(dir, { recursive: true, mode: DIRECTORY_MODE });
    if ((statSync(dir).mode & 0o7777) !== DIRECTORY_MODE) chmodSync(dir, DIRECTORY_MODE);
  }
  const root = realpathSync(dir);
  const stateDir = join(root, STATE_DIR);
  const stateStat = lstatOrUndefined(stateDir);
  if (stateStat && !stateStat.isDirectory()) throw new BundleError(`refusing to write into ${dir}: ${join(dir, STATE_DIR)} is not a directory`);
  if (!stateStat) makeDir(stateDir);
  const release = acquireLock(stateDir, dir);
  try {
    return writeLocked(root, dir, files, manifest, cache, durable);
  } finally {
    release();
  }
}

function writeLocked(
  root: string,
  shown: string,
  files: readonly (EmittedFile | ClusterFile)[],
  manifest: Manifest,
  cache: Omit<BuildCache, 'manifest'> | undefined,
  durable: boolean,
): WriteStats {
  const stateDir = join(root, STATE_DIR);
  const layout = layoutOf(root, shown);
  const current = layout.kind === 'generations' ? layout.current : undefined;
  // The recovery rule: under the lock, whatever `current` does not name is a leftover of an interrupted build.
  for (const entry of readdirSync(stateDir)) {
    if (entry === current || entry === LOCK || entry === CURRENT) continue;
    // Another build's lock temporary (`lock.<pid>.tmp`) stays while that process lives.
    const lockTemp = /^lock\.(?:stale\.)?([0-9]+)(?:\.tmp)?$/.exec(entry);
    if (lockTemp && Number(lockTemp[1]) !== process.pid && processAlive(Number(lockTemp[1]))) continue;
    rmSync(join(stateDir, entry), { recursive: true, force: true });
  }
  for (const leftover of [
    STAGING,
    `${CACHE_FILE}.new`,
    `${CACHE_FILE}${TEMP_SUFFIX}`,
    `${MANIFEST}${TEMP_SUFFIX}`,
    `${HOSTS}${TEMP_SUFFIX}`,
    `${TOPOLOGY_PICTURE}${TEMP_SUFFIX}`,
  ]) {
    rmSync(join(root, leftover), { recursive: true, force: true }); // removes a symlink itself, never what it points to
  }
  // From here on the bundle is not what the cache describes; the cache is written again once it is.
  rmSync(join(root, CACHE_FILE), { force: true });

  // The previous bundle's files: the current generation, or the top of a bundle from before generations.
  const oldBase = current !== undefined ? join(stateDir, current) : layout.kind === 'legacy' ? root : undefined;
  const previous = oldBase === undefined ? undefined : readManifest(join(oldBase, MANIFEST));
  const planned: Planned[] = files.map((f) => ({ path: bundlePath(f), content: f.content, mode: f.mode }));
  planned.push({ path: MANIFEST, content: renderManifest(manifest), mode: 0o644 });
  for (const file of planned) if (!isBundlePath(file.path)) throw new Error(`internal error: ${JSON.stringify(file.path)} is not a bundle path`);
  const wanted = new Set(planned.map((f) => f.path));
  const removedPaths = (
    previous ? Object.values(previous.hosts ?? {}).flatMap((h) => (Array.isArray(h?.files) ? h.files.map((f) => f?.path) : [])) : []
  ).filter((p): p is string => isBundlePath(p) && !wanted.has(p));

  // Compare with the previous bundle, reading only files that resolve inside the bundle directory.
  const inside = new InsideCheck(root);
  const compared = planned.map((file) => {
    const bytes = Buffer.from(file.content);
    if (oldBase === undefined) return { file, bytes, state: 'differs' as const };
    const old = join(oldBase, file.path);
    const stat = inside.stat(old);
    try {
      inside.assert(old, stat);
    } catch {
      return { file, bytes, state: 'differs' as const };
    }
    return { file, bytes, old, stat, state: sameFile(old, stat, bytes, file.mode) };
  });
  const unchanged = compared.filter((c) => c.state !== 'differs').length;
  const removedNow = removedPaths.filter((p) => oldBase !== undefined && lstatOrUndefined(join(oldBase, p)) !== undefined);

  // Nothing differs and nothing goes: no new generation; modes changed by hand are put back in place.
  if (layout.kind === 'generations' && current !== undefined && unchanged === planned.length && removedNow.length === 0) {
    for (const c of compared) if (c.state === 'mode') chmodSync(c.old!, c.file.mode);
    if (placeTopLinks(root, stateDir, planned)) syncDir(root);
    writeCache(root, cache, planned);
    return { written: [], unchanged, removed: [] };
  }

  // Write the next generation beside the current one.
  const next = generationName((current === undefined ? 0 : generationNumber(current)!) + 1);
  const nextDir = join(stateDir, next);
  let committed = false;
  try {
    makeDir(nextDir);
    const made: string[] = [nextDir];
    const madeSet = new Set(made);
    const ensureDir = (d: string): void => {
      if (madeSet.has(d)) return;
      ensureDir(dirname(d));
      makeDir(d);
      madeSet.add(d);
      made.push(d);
    };
    ensureDir(join(nextDir, HOSTS));
    const written: string[] = [];
    for (const c of compared) {
      const target = join(nextDir, c.file.path);
      ensureDir(dirname(target));
      if (c.state === 'same') linkOrCopy(c.old!, target, c.stat!);
      else if (c.state === 'mode') {
        writeNew(target, c.bytes, c.file.mode, durable);
        utimesSync(target, c.stat!.atime, c.stat!.mtime);
      } else {
        writeNew(target, c.bytes, c.file.mode, durable);
        written.push(c.file.path);
      }
    }
    // With `durable`, every name of the new generation reaches the disk before the commit can.
    if (durable) for (const d of made.reverse()) syncDir(d);
    syncDir(stateDir);

    // The commit point: one rename switches manifest.json and every host directory.
    const temp = join(stateDir, `${CURRENT}${TEMP_SUFFIX}`);
    rmSync(temp, { force: true });
    symlinkSync(next, temp);
    renameSync(temp, join(stateDir, CURRENT));
    committed = true;
    syncDir(stateDir);

    // The top-level symlinks exist after the first build; a fresh or converted bundle gets them now.
    if (placeTopLinks(root, stateDir, planned)) syncDir(root);
    for (const entry of readdirSync(stateDir)) {
      if (entry !== next && entry !== CURRENT && entry !== LOCK && !entry.startsWith(`${LOCK}.`))
        rmSync(join(stateDir, entry), { recursive: true, force: true });
    }
    writeCache(root, cache, planned);
    return { written: written.sort(), unchanged, removed: removedNow.sort() };
  } catch (error) {
    if (!committed) rmSync(nextDir, { recursive: true, force: true });
    throw error;
  }
}

/** Writes the build cache last, through a new temporary name (O_EXCL: a symlink there cannot redirect it) renamed over the old. */
function writeCache(root: string, cache: Omit<BuildCache, 'manifest'> | undefined, planned: Planned[]): void {
  if (!cache) return;
  const manifestText = planned.find((f) => f.path === MANIFEST)!.content;
  const temp = join(root, `${CACHE_FILE}${TEMP_SUFFIX}`);
  rmSync(temp, { force: true });
  const body = `${JSON.stringify({ key: cache.key, manifest: sha256(manifestText), diagnostics: cache.diagnostics } satisfies BuildCache)}\n`;
  writeNew(temp, Buffer.from(body), 0o644, false);
  renameSync(temp, join(root, CACHE_FILE));
}
