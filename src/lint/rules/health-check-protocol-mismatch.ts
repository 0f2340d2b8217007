// LVS240: a health check that speaks another transport protocol than its service (TCP_CHECK on a UDP service, DNS_CHECK on a TCP one).
import type { HealthCheckType, Protocol } from '../../model/types.js';
import { joinPointer } from '../../source/source-file.js';
import type { LintRule } from '../types.js';

/** The transport each checker probes the real server with; misc and ping fit any service. */
const CHECK_TRANSPORT: Partial<Record<HealthCheckType, Protocol>> = { tcp: 'tcp', http: 'tcp', https: 'tcp', smtp: 'tcp', udp: 'udp', dns: 'udp' };

/** The checks that fit a service of each protocol, for the help text. */
const FITTING: Record<Protocol, string> = {
  tcp: '`tcp`, `http`, `https` or `smtp`',
  udp: '`udp` or `dns`',
  sctp: '`misc` (a script that speaks SCTP) or `ping`',
};

export const healthCheckProtocolMismatch: LintRule = {
  code: 'LVS240',
  check(model, report) {
    for (const service of model.services) {
      const check = service.healthCheck;
      // A fwmark service may carry several protocols, and keepalived ignores its `protocol`.
      if (!check || service.fwmark !== undefined) continue;
      const transport = CHECK_TRANSPORT[check.type];
      if (!transport || transport === service.protocol) continue;
      report({
        code: 'LVS240',
        pointer: joinPointer(check.pointer, 'type'),
        message: `the \`${check.type}\` health check of ${service.protocol} service ${service.name} probes over ${transport}, where the service need not listen at all`,
        label: `${transport} check on a ${service.protocol} service`,
        help: `use a check that fits a ${service.protocol} service: ${FITTING[service.protocol]}`,
      });
    }
  },
};
