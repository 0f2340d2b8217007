// LVS249: a VRRP instance of `vrrp.instances` moves nothing: no service names it and it has no `addresses`.
import { vrrpInstances } from '../../model/vrrp.js';
import type { LintRule } from '../types.js';

export const vrrpInstanceEmpty: LintRule = {
  code: 'LVS249',
  check(model, report) {
    for (const instance of vrrpInstances(model)) {
      if (instance.first || instance.services.length || instance.addresses.length) continue;
      report({
        code: 'LVS249',
        pointer: instance.pointer,
        at: 'key',
        message: `VRRP instance ${instance.name} moves no address: no service names it in \`vrrpInstance\` and it has no \`addresses\` (keepalived -t refuses an instance without one)`,
        label: 'nothing to move',
        help: `set \`vrrpInstance: ${instance.name}\` on the services it should move, give it \`addresses\`, or remove it`,
      });
    }
  },
};
