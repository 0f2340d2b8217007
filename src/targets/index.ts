// The one list of output targets, in the order their files are listed in the manifest.
import type { Target } from './types.js';

export const targets: readonly Target[] = [];
