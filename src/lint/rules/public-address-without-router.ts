// LVS216: a service asks for a public address, but no router is described to map it.
import type { LintRule } from '../types.js';

export const publicAddressWithoutRouter: LintRule = {
  code: 'LVS216',
  check(model, report) {
    if (model.router) return;
    for (const service of model.services) {
      if (!service.publicAddress) continue;
      report({
        code: 'LVS216',
        pointer: service.publicAddress.pointer,
        message: `service ${service.name} has public address ${service.publicAddress.text} but the topology has no \`router\` to map it`,
        label: 'no router maps this',
        help: 'add a `router` section for the edge router that maps it onto the VIP, or remove `publicAddress`',
      });
    }
  },
};
