// The one list of lint rules. A rule not listed here does not run (test/lint/registry.test.ts checks).
import type { LintRule } from './types.js';
import { duplicateAddress } from './rules/duplicate-address.js';

export const rules: readonly LintRule[] = [duplicateAddress];
