// LVS214: a VRRP PASS password longer than the 8 characters keepalived actually sends.
import type { LintRule } from '../types.js';

const MAX_LENGTH = 8;

export const vrrpPasswordTooLong: LintRule = {
  code: 'LVS214',
  check(model, report) {
    const password = model.vrrp?.authPassword;
    if (password === undefined || password.length <= MAX_LENGTH) return;
    // The password itself is not echoed: diagnostics end up in CI logs and SARIF uploads.
    report({
      code: 'LVS214',
      pointer: '/vrrp/authPassword',
      message: `the VRRP password is ${password.length} characters long; keepalived silently uses only the first ${MAX_LENGTH}`,
      label: `${password.length} characters`,
      help: `shorten it to ${MAX_LENGTH} characters or fewer, or drop \`authPassword\`: VRRPv2 PASS authentication sends the password in cleartext in every advert, so it guards against mistakes, not attackers`,
    });
  },
};
