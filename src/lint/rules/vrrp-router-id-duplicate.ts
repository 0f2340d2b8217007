// LVS247: two VRRP instances of one address family share a virtual router id on one interface (keepalived -t refuses it).
import { instanceFamily, vrrpInstances, type InstanceFacts } from '../../model/vrrp.js';
import type { LintRule } from '../types.js';

export const vrrpRouterIdDuplicate: LintRule = {
  code: 'LVS247',
  check(model, report) {
    const seen = new Map<string, InstanceFacts>();
    for (const instance of vrrpInstances(model)) {
      const family = instanceFamily(instance);
      const key = `${instance.interface} ${family} ${instance.virtualRouterId}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, instance);
        continue;
      }
      report({
        code: 'LVS247',
        pointer: `${instance.pointer}/virtualRouterId`,
        message: `VRRP instances ${first.name} and ${instance.name} both use virtual router id ${instance.virtualRouterId} for IPv${family} on ${instance.interface}: each would take the other's adverts as its own`,
        label: `virtual router id ${instance.virtualRouterId} again`,
        related: [{ pointer: `${first.pointer}/virtualRouterId`, message: `${first.name} uses it` }],
        help: `give ${instance.name} a virtual router id no other instance on ${instance.interface} uses (1 to 255)`,
      });
    }
  },
};
