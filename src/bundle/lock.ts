// The build lock: one build at a time per bundle directory, an O_EXCL-created file that names its holder's pid.
import { closeSync, fstatSync, linkSync, lstatSync, openSync, readFileSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { BundleError, LOCK } from './layout.js';

/** What the lock file holds. */
interface LockHolder {
  pid: number;
  host: string;
  started: string;
}

function readHolder(path: string): { holder: LockHolder; ino: number } | undefined {
  try {
    const fd = openSync(path, 'r');
    try {
      const ino = fstatSync(fd).ino;
      const holder = JSON.parse(readFileSync(fd, 'utf8')) as LockHolder;
      return typeof holder.pid === 'number' && typeof holder.host === 'string' ? { holder, ino } : undefined;
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** True unless `pid` surely names no process on this machine. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the build lock of the bundle directory whose state directory is `stateDir`, or throws a
 * {@link BundleError} naming the build that holds it. The lock file appears whole (written under a
 * temporary name, then hard-linked to `lock`, which fails when `lock` exists: O_EXCL semantics without
 * a window where it is empty). A lock whose pid is gone on this host is stale (a build killed by
 * SIGKILL or a crash) and is broken: renamed away, and removed only when it is still the inode that was
 * found dead. Node has no flock(2); a lock on a file system shared between hosts is never broken.
 *
 * @param bundleDir - the bundle directory as the user named it, for messages
 * @returns the function that releases the lock (removes the file, if it is still this process's)
 */
export function acquireLock(stateDir: string, bundleDir: string): () => void {
  const path = join(stateDir, LOCK);
  const mine: LockHolder = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  const temp = join(stateDir, `${LOCK}.${process.pid}.tmp`);
  rmSync(temp, { force: true });
  const fd = openSync(temp, 'wx', 0o644);
  try {
    writeSync(fd, `${JSON.stringify(mine)}\n`);
  } finally {
    closeSync(fd);
  }
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(temp, path);
        const ino = lstatSync(path).ino;
        return () => {
          if (readHolder(path)?.ino === ino) unlinkSync(path);
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const found = readHolder(path);
      if (attempt < 3 && found && found.holder.host === mine.host && !processAlive(found.holder.pid)) {
        breakStale(path, found.ino);
        continue;
      }
      if (attempt < 3 && !found) continue; // removed meanwhile, or being replaced: look again
      const who = found ? `pid ${found.holder.pid} on ${found.holder.host}, started ${found.holder.started}` : 'unknown holder';
      throw new BundleError(
        `another lvscc build is writing ${bundleDir} (${who}); wait for it to finish, or remove ${join(bundleDir, '.lvscc', LOCK)} if no build is running`,
      );
    }
  } finally {
    rmSync(temp, { force: true });
  }
}

/** Removes the stale lock `path` if it is still the inode `ino`; puts back a lock that another build took meanwhile. */
function breakStale(path: string, ino: number): void {
  const aside = `${path}.stale.${process.pid}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // another build broke it first
  }
  if (lstatSync(aside).ino === ino) {
    unlinkSync(aside);
    return;
  }
  try {
    linkSync(aside, path);
  } catch {
    // a third build took the lock meanwhile; it is the holder
  }
  unlinkSync(aside);
}
