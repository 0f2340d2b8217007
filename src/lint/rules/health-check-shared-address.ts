// LVS270: a service-wide health-check `address` (keepalived connect_ip): every real server's check goes to that one address.
import type { LintRule } from '../types.js';

export const healthCheckSharedAddress: LintRule = {
  code: 'LVS270',
  check(model, report) {
    for (const service of model.services) {
      const address = service.healthCheck?.address;
      if (!address) continue;
      const shared = service.members.filter((m) => !m.healthCheck?.written.includes('address'));
      if (shared.length < 2) continue;
      report({
        code: 'LVS270',
        pointer: address.pointer,
        message: `every real server of service ${service.name} (${shared.map((m) => m.name).join(', ')}) is checked at ${address.text}, so one answer marks them all up or down`,
        label: 'one address for all',
        help: 'set the address on each member instead: `{ server: NAME, healthCheck: { address: ADDR } }`',
      });
    }
  },
};
