// LVS205: a real server that no service uses.
import type { LintRule } from '../types.js';

export const unusedRealServer: LintRule = {
  code: 'LVS205',
  check(model, report) {
    const used = new Set<string>();
    for (const service of model.services) for (const member of service.members) used.add(member.name);
    for (const host of model.realServers) {
      if (used.has(host.name)) continue;
      report({
        code: 'LVS205',
        pointer: host.pointer,
        at: 'key',
        message: `real server ${host.name} belongs to no service`,
        label: 'unused',
        help: `add ${host.name} to a service's realServers, or remove it`,
      });
    }
  },
};
