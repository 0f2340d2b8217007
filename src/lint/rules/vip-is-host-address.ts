// LVS202: a service VIP that is also declared as an interface address of a host or the router.
import { assignedAddresses, type AssignedAddress } from '../addresses.js';
import type { LintRule } from '../types.js';

export const vipIsHostAddress: LintRule = {
  code: 'LVS202',
  check(model, report) {
    const holders = new Map<string, AssignedAddress[]>();
    for (const assigned of assignedAddresses(model)) {
      const key = assigned.ifaddr.address.text;
      const list = holders.get(key);
      if (list) list.push(assigned);
      else holders.set(key, [assigned]);
    }
    for (const service of model.services) {
      const found = holders.get(service.vip.text);
      if (!found) continue;
      const first = found[0]!;
      report({
        code: 'LVS202',
        pointer: service.vip.pointer,
        message: `service ${service.name}'s VIP ${service.vip.text} is also an interface address of ${first.owner} (${first.interfaceName})`,
        label: 'VIP declared as a host address',
        related: found.map((a) => ({ pointer: a.pointer, message: `${a.owner} ${a.interfaceName} has it here` })),
        help: `lvscc adds the VIP itself (as a /32 or /128 on the director, and on lo or tunl0 of real servers); remove ${service.vip.text} from ${first.owner}'s interfaces or pick another VIP`,
      });
    }
  },
};
