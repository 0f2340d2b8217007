// The containment check: every path the bundle writer or the build cache touches must resolve inside the
// bundle directory, through any symlinks already on disk.
import { existsSync, lstatSync, realpathSync, type Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { BundleError } from './layout.js';

/** lstat that returns undefined for a path that cannot be stat'ed (absent, or below a non-directory). */
export function lstatOrUndefined(path: string): Stats | undefined {
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
 * lstat, and realpath runs only where a symlink is met (or at the file system's root). Directories
 * created or removed while the check is in use must be reported to it ({@link created}, {@link removed}).
 */
export class InsideCheck {
  /** Directory -> its resolved path, or null when it does not exist. */
  private readonly resolved = new Map<string, string | null>();

  /** `root` must already be resolved (realpath). */
  constructor(private readonly root: string) {
    this.resolved.set(root, root);
  }

  /** lstat of `path`; no system call when its directory is known to be absent. */
  stat(path: string): Stats | undefined {
    return this.resolve(dirname(path)) === null ? undefined : lstatOrUndefined(path);
  }

  /** Throws a {@link BundleError} unless `path`, whose lstat is `stat` (undefined when absent), resolves inside the root. */
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

  /** `dir` was removed: forget what it resolved to. */
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
