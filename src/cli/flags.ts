// Flags shared by the commands that read a topology.
import * as Flags from '@oclif/core/flags';
import { DEFAULT_MAX_BYTES } from '../source/limits.js';
import { DEFAULT_MAX_DIAGNOSTICS, FORMATS } from './report.js';

export const formatFlag = Flags.string({
  char: 'f',
  summary: 'Output format for diagnostics.',
  options: [...FORMATS],
  default: 'human',
});

export const maxBytesFlag = Flags.integer({
  summary: 'Largest topology file accepted, in bytes.',
  default: DEFAULT_MAX_BYTES,
  min: 1,
});

export const strictFlag = Flags.boolean({ summary: 'Treat warnings as errors (exit 1).', default: false });

/** Default of `--max-files`: most files one build may write, manifest.json included. */
export const DEFAULT_MAX_FILES = 200_000;
/** Default of `--max-output-bytes`: most bytes one build may write (2 GiB). */
export const DEFAULT_MAX_OUTPUT_BYTES = 2 * 1024 ** 3;

export const maxFilesFlag = Flags.integer({
  summary: 'Most files the bundle may hold; a larger build fails (exit 2) and writes nothing.',
  default: DEFAULT_MAX_FILES,
  min: 1,
});

export const maxOutputBytesFlag = Flags.integer({
  summary: 'Most bytes the bundle may hold; a larger build fails (exit 2) and writes nothing.',
  default: DEFAULT_MAX_OUTPUT_BYTES,
  min: 1,
});

export const maxDiagnosticsFlag = Flags.integer({
  summary: 'Most diagnostics printed; a final line says how many more there were (the exit status counts them all).',
  default: DEFAULT_MAX_DIAGNOSTICS,
  min: 0,
});
