// The only code that writes to disk: puts a compiled bundle into its directory, changing only
// what differs, staging every new byte first so a failure leaves the previous bundle intact.
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { EmittedFile } from '../targets/types.js';
import { bundlePath, renderManifest, type Manifest } from './manifest.js';

const MANIFEST = 'manifest.json';
const STAGING = '.lvscc-staging';

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
}

function readManifest(dir: string): Manifest | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Manifest;
    return parsed.generator === 'lvscc' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Throws unless `path` resolves (through any symlinks already on disk) to a place inside `root`. */
function assertInside(root: string, path: string): void {
  let existing = path;
  while (!existsSync(existing)) existing = dirname(existing);
  const real = realpathSync(existing);
  const rel = relative(root, real);
  if (rel === '..' || rel.startsWith('..' + sep) || resolve(root, rel) !== real) {
    throw new BundleError(`refusing to write ${path}: it resolves outside the output directory`);
  }
}

function sameFile(path: string, content: string, mode: number): 'same' | 'mode' | 'differs' {
  try {
    const stat = lstatSync(path);
    if (!stat.isFile()) return 'differs';
    if (readFileSync(path, 'utf8') !== content) return 'differs';
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
export function writeBundle(dir: string, files: readonly EmittedFile[], manifest: Manifest): WriteStats {
  try {
    return write(dir, files, manifest);
  } catch (error) {
    if (error instanceof BundleError) throw error;
    const e = error as NodeJS.ErrnoException;
    throw new BundleError(`cannot write the bundle to ${dir}: ${e.code ?? ''} ${e.message}`.trim());
  }
}

function write(dir: string, files: readonly EmittedFile[], manifest: Manifest): WriteStats {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new BundleError(`${dir} exists and is not a directory`);
    const entries = readdirSync(dir).filter((e) => e !== STAGING);
    if (entries.length && !readManifest(dir)) {
      throw new BundleError(`refusing to write into ${dir}: it is not empty and holds no lvscc manifest.json`);
    }
  } else {
    mkdirSync(dir, { recursive: true });
  }
  const root = realpathSync(dir);
  const previous = readManifest(root);

  const planned: Planned[] = files.map((f) => ({ path: bundlePath(f), content: f.content, mode: f.mode }));
  planned.push({ path: MANIFEST, content: renderManifest(manifest), mode: 0o644 });

  // 1. Stage every new or changed file; nothing in the bundle changes yet.
  const staging = join(root, STAGING);
  rmSync(staging, { recursive: true, force: true });
  const toRename: Planned[] = [];
  const toChmod: Planned[] = [];
  let unchanged = 0;
  try {
    for (const file of planned) {
      const target = join(root, file.path);
      assertInside(root, target);
      const state = sameFile(target, file.content, file.mode);
      if (state === 'same') unchanged++;
      else if (state === 'mode') toChmod.push(file);
      else {
        const staged = join(staging, file.path);
        mkdirSync(dirname(staged), { recursive: true });
        writeFileSync(staged, file.content, { mode: file.mode });
        chmodSync(staged, file.mode);
        toRename.push(file);
      }
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }

  // 2. Move staged files into place (manifest last), fix modes, remove what is no longer produced.
  const manifestFirst = (a: Planned, b: Planned): number => Number(a.path === MANIFEST) - Number(b.path === MANIFEST);
  for (const file of toRename.sort(manifestFirst)) {
    const target = join(root, file.path);
    mkdirSync(dirname(target), { recursive: true });
    assertInside(root, target);
    if (existsSync(target) && lstatSync(target).isDirectory()) rmSync(target, { recursive: true });
    renameSync(join(staging, file.path), target);
  }
  for (const file of toChmod) chmodSync(join(root, file.path), file.mode);
  rmSync(staging, { recursive: true, force: true });

  const wanted = new Set(planned.map((f) => f.path));
  const removed: string[] = [];
  for (const host of Object.values(previous?.hosts ?? {})) {
    for (const f of host.files ?? []) {
      if (wanted.has(f.path) || typeof f.path !== 'string' || !f.path.startsWith('hosts/')) continue;
      const target = join(root, f.path);
      assertInside(root, target);
      if (existsSync(target)) {
        rmSync(target, { force: true });
        removed.push(f.path);
        pruneEmptyDirs(root, dirname(target));
      }
    }
  }
  return { written: toRename.map((f) => f.path), unchanged, removed: removed.sort() };
}

function pruneEmptyDirs(root: string, dir: string): void {
  while (dir !== root && dir.startsWith(root + sep)) {
    try {
      if (readdirSync(dir).length) return;
      rmdirSync(dir);
    } catch {
      return;
    }
    dir = dirname(dir);
  }
}
