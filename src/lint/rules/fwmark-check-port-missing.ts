// LVS245: a port-probing health check of a fwmark service with no port to probe: keepalived would run no checker.
import { checkProbePort, probesPort } from '../../model/service.js';
import type { LintRule } from '../types.js';

export const fwmarkCheckPortMissing: LintRule = {
  code: 'LVS245',
  check(model, report) {
    // Under the static manager nothing runs checks at all (LVS218).
    if (model.manager !== 'keepalived') return;
    for (const service of model.services) {
      const check = service.healthCheck;
      if (service.fwmark === undefined || !check || !probesPort(check.type)) continue;
      const portless = service.members.filter((m) => checkProbePort(service, m) === undefined);
      if (!portless.length) continue;
      const all = portless.length === service.members.length;
      report({
        code: 'LVS245',
        pointer: check.pointer,
        message: `the ${check.type} health check of fwmark service ${service.name} has no port to probe${all ? '' : ` on ${portless.map((m) => m.name).join(', ')}`}: a fwmark service has no port of its own, so keepalived would run no checker and keep every real server in the table`,
        label: 'no port',
        related: all ? [] : portless.map((m) => ({ pointer: m.pointer, message: `${m.name} has no port` })),
        help: `set the port the check connects to, \`healthCheck: { type: ${check.type}, port: <port> }\` (or \`port\` in a real server's \`healthCheck\`)`,
      });
    }
  },
};
