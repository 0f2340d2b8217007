// LVS252: a VRRP sync group with one instance (keepalived -t refuses it), or whose instances have different MASTERs (it would never become MASTER anywhere).
import { vrrpInstances, type InstanceFacts } from '../../model/vrrp.js';
import type { LintRule } from '../types.js';

export const vrrpSyncGroupInvalid: LintRule = {
  code: 'LVS252',
  check(model, report) {
    const groups = new Map<string, InstanceFacts[]>();
    for (const instance of vrrpInstances(model))
      if (instance.syncGroup) groups.set(instance.syncGroup.name, [...(groups.get(instance.syncGroup.name) ?? []), instance]);
    const leader = (instance: InstanceFacts): string => {
      const top = Math.max(...model.directors.map((d) => instance.priority(d)));
      return model.directors
        .filter((d) => instance.priority(d) === top)
        .map((d) => d.name)
        .join(', ');
    };
    for (const [name, members] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const [first, ...rest] = members;
      if (!rest.length) {
        report({
          code: 'LVS252',
          pointer: first!.syncGroup!.pointer,
          message: `sync group ${name} has one instance, ${first!.name}: keepalived refuses a group of one ("this probably isn't what you want")`,
          label: 'the only instance of the group',
          help: `set \`syncGroup: ${name}\` on the instances that must fail over together with ${first!.name}, or remove it`,
        });
        continue;
      }
      if (model.directors.length < 2) continue;
      for (const member of rest) {
        if (leader(member) === leader(first!)) continue;
        report({
          code: 'LVS252',
          pointer: member.syncGroup!.pointer,
          message: `sync group ${name} joins ${first!.name}, whose MASTER is ${leader(first!)}, and ${member.name}, whose MASTER is ${leader(member)}: keepalived makes a director MASTER of a group only when it wins every instance of it, which none would`,
          label: `MASTER ${leader(member)}`,
          related: [{ pointer: first!.syncGroup!.pointer, message: `${first!.name} is in the group too` }],
          help: `give the instances of ${name} the same highest-priority director, or put ${member.name} in a group of its own MASTER's instances`,
        });
      }
    }
  },
};
