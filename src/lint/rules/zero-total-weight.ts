// LVS234: a service whose real servers all have weight 0, so that none receives a connection (keepalived refuses it).
import type { LintRule } from '../types.js';

export const zeroTotalWeight: LintRule = {
  code: 'LVS234',
  check(model, report) {
    const keepalived = model.manager === 'keepalived';
    for (const service of model.services) {
      if (!service.members.length || service.members.some((m) => m.weight > 0)) continue;
      const [first] = service.members;
      report({
        code: 'LVS234',
        // keepalived -t exits 5 ("quorum 1 ... exceeds total weight of real servers 0"); ipvsadm takes it, but the
        // service accepts no new connection, which is only ever right while draining by hand.
        severity: keepalived ? 'error' : 'warning',
        pointer: first!.pointer,
        message: keepalived
          ? `every real server of service ${service.name} has weight 0: keepalived refuses a virtual server whose total weight is below its quorum of 1`
          : `every real server of service ${service.name} has weight 0, so the service accepts no new connections`,
        label: 'weight 0',
        related: service.members.slice(1).map((m) => ({ pointer: m.pointer, message: `${m.name} has weight 0 too` })),
        help: `give at least one real server of ${service.name} a weight of 1 or more (weight defaults to 1)`,
      });
    }
  },
};
