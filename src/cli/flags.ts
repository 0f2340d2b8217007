// Flags shared by the commands that read a topology.
import * as Flags from '@oclif/core/flags';
import { DEFAULT_MAX_BYTES } from '../source/limits.js';
import { FORMATS } from './report.js';

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
