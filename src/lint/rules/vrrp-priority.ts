// LVS213: VRRP directors each need a priority, and no two may share one.
import type { Host } from '../../model/types.js';
import { joinPointer } from '../../source/source-file.js';
import type { LintRule } from '../types.js';

export const vrrpPriority: LintRule = {
  code: 'LVS213',
  check(model, report) {
    if (model.manager !== 'keepalived' || model.directors.length < 2) return;
    const firstWith = new Map<number, Host>();
    for (const director of model.directors) {
      if (director.priority === undefined) {
        report({
          code: 'LVS213',
          pointer: director.pointer,
          at: 'key',
          message: `director ${director.name} has no VRRP priority`,
          label: 'no `priority`',
          help: `give every director its own \`priority\` (1 to 254; the highest becomes MASTER), for example \`priority: 100\` on ${director.name}`,
        });
        continue;
      }
      const first = firstWith.get(director.priority);
      if (!first) {
        firstWith.set(director.priority, director);
        continue;
      }
      report({
        code: 'LVS213',
        pointer: joinPointer(director.pointer, 'priority'),
        message: `directors ${first.name} and ${director.name} both have VRRP priority ${director.priority}`,
        label: `${director.name} has priority ${director.priority}`,
        related: [{ pointer: joinPointer(first.pointer, 'priority'), message: `${first.name} has it too` }],
        help: `give ${director.name} a priority other than ${director.priority}: with equal priorities VRRP falls back to the higher interface address to pick the MASTER`,
      });
    }
  },
};
