// The import's view of the real file system (read a file, list a directory), for the command, tests and bench.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { ConfigFiles } from './keepalived-conf.js';

export const nodeFiles: ConfigFiles = {
  read(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  list(directory) {
    try {
      return statSync(directory).isDirectory() ? readdirSync(directory) : undefined;
    } catch {
      return undefined;
    }
  },
};
