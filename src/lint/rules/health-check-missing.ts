// LVS241: a keepalived-managed service without a health check, whose dead real servers keep receiving requests.
import type { Service } from '../../model/types.js';
import type { LintRule } from '../types.js';

/** A check to suggest for the service. */
export function suggestion(service: Service): string {
  if (service.protocol === 'udp') return service.port === 53 ? '`healthCheck: { type: dns, queryName: <a name it serves> }`' : '`healthCheck: { type: udp }`';
  if (service.protocol === 'sctp') return '`healthCheck: { type: misc, script: /path/to/check }`';
  if (service.port === 80) return '`healthCheck: { type: http, path: /healthz }`';
  return service.fwmark !== undefined ? '`healthCheck: { type: tcp, port: <port> }`' : '`healthCheck: { type: tcp }`';
}

export const healthCheckMissing: LintRule = {
  code: 'LVS241',
  check(model, report) {
    if (model.manager !== 'keepalived') return;
    for (const service of model.services) {
      if (service.healthCheck) continue;
      report({
        code: 'LVS241',
        pointer: service.pointer,
        at: 'key',
        message: `service ${service.name} has no health check: keepalived keeps every real server in the table, and a dead one still gets its share of requests`,
        label: 'no healthCheck',
        help: `add ${suggestion(service)}, or write \`healthCheck: { type: none }\` if that is intended`,
      });
    }
  },
};
