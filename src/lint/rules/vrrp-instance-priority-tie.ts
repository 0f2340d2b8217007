// LVS250: two directors have the same priority in one of `vrrp.instances` (LVS213 checks the directors' own priorities).
import type { Host } from '../../model/types.js';
import { vrrpInstances } from '../../model/vrrp.js';
import type { LintRule } from '../types.js';

export const vrrpInstancePriorityTie: LintRule = {
  code: 'LVS250',
  check(model, report) {
    if (model.manager !== 'keepalived' || model.directors.length < 2) return;
    for (const instance of vrrpInstances(model)) {
      // Without priorities of its own, an instance has the directors' (LVS213).
      const written = model.vrrp!.instances.find((i) => i.name === instance.name)?.priorities;
      if (instance.first || !written?.length) continue;
      const firstWith = new Map<number, Host>();
      for (const director of model.directors) {
        const priority = instance.priority(director);
        const other = firstWith.get(priority);
        if (!other) {
          firstWith.set(priority, director);
          continue;
        }
        const entry = written.find((p) => p.host === director.name) ?? written.find((p) => p.host === other.name);
        report({
          code: 'LVS250',
          pointer: entry?.pointer ?? `${instance.pointer}/priorities`,
          message: `directors ${other.name} and ${director.name} both have priority ${priority} in VRRP instance ${instance.name}`,
          label: `priority ${priority} twice`,
          help: `give every director its own priority in ${instance.name}'s \`priorities\` (a director it does not list has its own \`priority\`): with equal priorities VRRP falls back to the higher interface address to pick the MASTER`,
        });
      }
    }
  },
};
