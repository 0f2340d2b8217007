// LVS249: a VRRP instance moves nothing: no service names it and it has no `addresses` (the first: every service names another).
import { vrrpInstances } from '../../model/vrrp.js';
import type { LintRule } from '../types.js';

export const vrrpInstanceEmpty: LintRule = {
  code: 'LVS249',
  check(model, report) {
    for (const instance of vrrpInstances(model)) {
      if (instance.services.length || instance.addresses.length) continue;
      // The first instance moves the services that name no instance: it is empty only when every service names another.
      if (instance.first && !model.vrrp!.instances.length) continue;
      report({
        code: 'LVS249',
        pointer: instance.pointer,
        at: 'key',
        message: instance.first
          ? `the first VRRP instance (\`vrrp\`, ${instance.name}) moves no address: every service names another instance and it has no \`addresses\` or \`gatewayAddress\` (keepalived -t refuses an instance without one)`
          : `VRRP instance ${instance.name} moves no address: no service names it in \`vrrpInstance\` and it has no \`addresses\` (keepalived -t refuses an instance without one)`,
        label: 'nothing to move',
        help: instance.first
          ? 'let a service use the first instance (remove its `vrrpInstance`), or give `vrrp` `addresses`'
          : `set \`vrrpInstance: ${instance.name}\` on the services it should move, give it \`addresses\`, or remove it`,
      });
    }
  },
};
