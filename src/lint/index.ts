// The one list of lint rules. A rule not listed here does not run (test/lint/registry.test.ts checks).
import type { LintRule } from './types.js';
import { duplicateAddress } from './rules/duplicate-address.js';
// rules: addresses, services and forwarding (imports)
// rules: VRRP, router, manager and health checks (imports)

export const rules: readonly LintRule[] = [
  duplicateAddress,
  // rules: addresses, services and forwarding (entries)
  // rules: VRRP, router, manager and health checks (entries)
];
