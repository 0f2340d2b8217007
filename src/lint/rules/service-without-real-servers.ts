// LVS275: a service with no real servers, and what then really happens to its packets under each manager.
import { joinPointer } from '../../source/source-file.js';
import type { LintRule } from '../types.js';

export const serviceWithoutRealServers: LintRule = {
  code: 'LVS275',
  check(model, report) {
    for (const service of model.services) {
      if (service.members.length) continue;
      const target = service.fwmark !== undefined ? `fwmark ${service.fwmark}` : `${service.vip.text}:${service.port ?? 0}`;
      // keepalived drops the virtual_server before anything else (check_data.c: "has no real servers - ignoring");
      // the kernel answers a packet to a service without destinations with ICMP port unreachable (ip_vs_leave).
      const message =
        model.manager === 'keepalived'
          ? `service ${service.name} has no real servers: keepalived ignores such a virtual server${service.sorryServer ? ', sorry server and all,' : ''} so lvscc leaves it out of keepalived.conf; with no IPVS service, packets to ${target} reach the director's own stack (a local listener answers, else a TCP reset or ICMP port unreachable)`
          : `service ${service.name} has no real servers: the director creates the IPVS service ${target} without destinations and answers every new connection to it with ICMP port unreachable`;
      report({
        code: 'LVS275',
        pointer: joinPointer(service.pointer, 'realServers'),
        message,
        label: 'no real servers',
        help: `add a real server to ${service.name}, or remove the service while it has none`,
      });
    }
  },
};
