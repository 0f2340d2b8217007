// Shared CLI plumbing: reading the topology file and mapping results to exit codes (0 clean, 1 findings, 2 usage/I-O).
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import * as Errors from '@oclif/core/errors';

/** Reads a file for a command; I/O problems exit 2 with a one-line message, never a stack trace. */
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
    throw new Errors.CLIError(`cannot read ${file}: ${describeIoError(reason)}`, { exit: 2 });
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
