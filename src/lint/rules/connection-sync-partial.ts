// LVS251: connection sync follows the first VRRP instance only, and another instance with services has another MASTER (active-active).
import { vrrpInstances, type InstanceFacts } from '../../model/vrrp.js';
import type { Host } from '../../model/types.js';
import type { LintRule } from '../types.js';

/** The director with the highest priority in an instance; undefined on a tie (LVS213, LVS250). */
function leaderOf(instance: InstanceFacts, directors: Host[]): Host | undefined {
  const sorted = [...directors].sort((a, b) => instance.priority(b) - instance.priority(a));
  return sorted.length > 1 && instance.priority(sorted[0]!) === instance.priority(sorted[1]!) ? undefined : sorted[0];
}

export const connectionSyncPartial: LintRule = {
  code: 'LVS251',
  check(model, report) {
    const vrrp = model.vrrp;
    if (!vrrp?.connectionSync || model.manager !== 'keepalived' || model.directors.length < 2) return;
    const [first, ...rest] = vrrpInstances(model);
    const leader = leaderOf(first!, model.directors);
    if (!leader) return;
    for (const instance of rest) {
      const other = leaderOf(instance, model.directors);
      if (!other || other === leader || !instance.services.length) continue;
      report({
        code: 'LVS251',
        pointer: instance.pointer,
        at: 'key',
        message: `connections of VRRP instance ${instance.name} are not synchronised: keepalived's one sync daemon follows ${first!.name}, sending from its MASTER ${leader.name}, while ${instance.name}'s MASTER is ${other.name}; a failover of ${instance.name} resets its connections`,
        label: `MASTER ${other.name}, not ${leader.name}`,
        related: [{ pointer: `${vrrp.pointer}/connectionSync`, message: 'connection sync is on (the default with two or more directors)' }],
        help: `to keep them, give ${instance.name} the same MASTER as ${first!.name} (active-passive), or accept the resets of an active-active pair and set \`connectionSync: false\` to say so`,
      });
    }
  },
};
