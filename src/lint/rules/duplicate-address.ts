// LVS201: one address assigned to two interfaces (across hosts and the router).
import { assignedAddresses } from '../addresses.js';
import type { LintRule } from '../types.js';

export const duplicateAddress: LintRule = {
  code: 'LVS201',
  check(model, report) {
    const firstHolder = new Map<string, ReturnType<typeof assignedAddresses>[number]>();
    for (const assigned of assignedAddresses(model)) {
      const key = assigned.ifaddr.address.text;
      const first = firstHolder.get(key);
      if (!first) {
        firstHolder.set(key, assigned);
        continue;
      }
      const sameOwner = first.owner === assigned.owner;
      report({
        code: 'LVS201',
        pointer: assigned.pointer,
        message: sameOwner ? `address ${key} is assigned twice on ${assigned.owner}` : `address ${key} is used by two hosts`,
        label: `${assigned.owner} uses it here`,
        related: [{ pointer: first.pointer, message: `first used by ${first.owner}` }],
        help: `give ${assigned.owner} its own address`,
      });
    }
  },
};
