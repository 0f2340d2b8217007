// LVS217: two services claim the same public (address, protocol, port) on the router, or a
// service's public address is the router's inside address.
import type { Service } from '../../model/types.js';
import type { LintRule } from '../types.js';

export const publicAddressConflict: LintRule = {
  code: 'LVS217',
  check(model, report) {
    const inside = model.router?.inside;
    const firstMapping = new Map<string, Service>();
    for (const service of model.services) {
      const publicAddress = service.publicAddress;
      if (!publicAddress) continue;

      if (inside && publicAddress.value === inside.address.address.value && publicAddress.family === inside.address.address.family) {
        report({
          code: 'LVS217',
          pointer: publicAddress.pointer,
          message: `service ${service.name} uses public address ${publicAddress.text}, which is the inside address of router ${model.router!.name}`,
          label: 'inside address',
          related: [{ pointer: `${inside.pointer}/address`, message: `${inside.interface} is the inside interface` }],
          help: `use an address on the outside interface (${model.router!.outside.interface}, ${model.router!.outside.address.network}): the public side of the mapping is the outside`,
        });
      }

      // Services without a port (fwmark) have nothing to map per port; LVS227 reports them.
      if (service.publicPort === undefined || service.fwmark !== undefined) continue;
      const key = `${publicAddress.family}|${publicAddress.value}|${service.protocol}|${service.publicPort}`;
      const first = firstMapping.get(key);
      if (!first) {
        firstMapping.set(key, service);
        continue;
      }
      const mapping = `${publicAddress.text} ${service.protocol}/${service.publicPort}`;
      report({
        code: 'LVS217',
        pointer: publicAddress.pointer,
        message: `services ${first.name} and ${service.name} both map public ${mapping} on the router`,
        label: `${service.name} maps it here`,
        related: [{ pointer: first.publicAddress!.pointer, message: `first mapped by ${first.name}` }],
        help: `give ${service.name} another \`publicPort\` or \`publicAddress\`: the router can send ${mapping} to only one VIP`,
      });
    }
  },
};
