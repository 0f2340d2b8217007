// The one list of lint rules. A rule not listed here does not run (test/lint/registry.test.ts checks).
import type { LintRule } from './types.js';
import { duplicateAddress } from './rules/duplicate-address.js';
// rules: addresses, services and forwarding (imports)
import { vrrpMissing } from './rules/vrrp-missing.js';
import { vrrpPriority } from './rules/vrrp-priority.js';
import { vrrpPasswordTooLong } from './rules/vrrp-password-too-long.js';
import { staticManagerMultipleDirectors } from './rules/static-manager-multiple-directors.js';
import { publicAddressWithoutRouter } from './rules/public-address-without-router.js';
import { publicAddressConflict } from './rules/public-address-conflict.js';
import { healthCheckNeedsKeepalived } from './rules/health-check-needs-keepalived.js';
import { healthCheckFieldIgnored } from './rules/health-check-field-ignored.js';
import { vrrpInterfaceMissing } from './rules/vrrp-interface-missing.js';
import { publicMappingUnsupported } from './rules/public-mapping-unsupported.js';
// rules: VRRP, router, manager and health checks (imports)

export const rules: readonly LintRule[] = [
  duplicateAddress,
  // rules: addresses, services and forwarding (entries)
  vrrpMissing,
  vrrpPriority,
  vrrpPasswordTooLong,
  staticManagerMultipleDirectors,
  publicAddressWithoutRouter,
  publicAddressConflict,
  healthCheckNeedsKeepalived,
  healthCheckFieldIgnored,
  vrrpInterfaceMissing,
  publicMappingUnsupported,
  // rules: VRRP, router, manager and health checks (entries)
];
