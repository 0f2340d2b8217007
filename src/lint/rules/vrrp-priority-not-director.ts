// LVS248: an instance's `priorities` names a host that is not a director (only directors run VRRP).
import type { LintRule } from '../types.js';

export const vrrpPriorityNotDirector: LintRule = {
  code: 'LVS248',
  check(model, report) {
    const directors = new Set(model.directors.map((d) => d.name));
    for (const instance of model.vrrp?.instances ?? [])
      for (const entry of instance.priorities) {
        if (directors.has(entry.host)) continue;
        const what = model.realServers.some((r) => r.name === entry.host) ? 'a real server' : 'no host of the topology';
        report({
          code: 'LVS248',
          pointer: entry.pointer,
          at: 'key',
          message: `VRRP instance ${instance.name} gives a priority to ${entry.host}, which is ${what}: only directors run VRRP`,
          label: 'not a director',
          help: `name directors only (${[...directors].join(', ')})`,
        });
      }
  },
};
