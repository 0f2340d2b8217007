// LVS214: a VRRP PASS password longer than the 8 characters keepalived actually sends (lvscc writes those 8).
import { VRRP_PASSWORD_LENGTH } from '../../model/vrrp.js';
import type { LintRule } from '../types.js';

export const vrrpPasswordTooLong: LintRule = {
  code: 'LVS214',
  check(model, report) {
    const password = model.vrrp?.authPassword;
    if (password === undefined || password.length <= VRRP_PASSWORD_LENGTH) return;
    // The password itself is not echoed: diagnostics end up in CI logs and SARIF uploads.
    report({
      code: 'LVS214',
      pointer: '/vrrp/authPassword',
      message: `the VRRP password is ${password.length} characters long; keepalived uses only the first ${VRRP_PASSWORD_LENGTH}, so lvscc writes those ${VRRP_PASSWORD_LENGTH} into keepalived.conf`,
      label: `${password.length} characters, ${VRRP_PASSWORD_LENGTH} used`,
      help: `shorten it to ${VRRP_PASSWORD_LENGTH} characters to say what is sent, or drop \`authPassword\`: VRRPv2 PASS authentication sends the password in cleartext in every advert, so it guards against mistakes, not attackers`,
    });
  },
};
