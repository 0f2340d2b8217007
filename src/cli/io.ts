// Shared CLI plumbing: reading the topology file; an unreadable one is an InputError (exit 2), never a stack trace.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';

/** The topology cannot be read; commands report the message and exit 2. */
export class InputError extends Error {}

/** Reads a file for a command (`-` is standard input); I/O problems throw an InputError with a one-line message. */
export function readInput(file: string, maxBytes: number): Uint8Array {
  try {
    if (file === '-') return readFileSync(0);
    const stat = statSync(file);
    if (stat.isDirectory()) throw new Error('is a directory');
    // Read at most one byte past the limit: the loader reports the size without reading a huge file whole.
    if (stat.size > maxBytes) {
      const head = new Uint8Array(maxBytes + 1);
      const fd = openSync(file, 'r');
      try {
        readSync(fd, head, 0, head.length, 0);
      } finally {
        closeSync(fd);
      }
      return head;
    }
    return readFileSync(file);
  } catch (error) {
    const reason = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
    throw new InputError(`cannot read ${file}: ${describeIoError(reason)}`);
  }
}

function describeIoError(code: string): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return code;
  }
}
