// LVS255: `ports` on a service without `fwmark`, or beside `port`: lvscc marks the ports with the service's own mark.
import { joinPointer } from '../../source/source-file.js';
import type { LintRule } from '../types.js';

export const portsNeedFwmark: LintRule = {
  code: 'LVS255',
  check(model, report) {
    for (const service of model.services) {
      if (!service.ports) continue;
      const pointer = joinPointer(service.pointer, 'ports');
      if (service.fwmark === undefined) {
        report({
          code: 'LVS255',
          pointer,
          at: 'key',
          message: `service ${service.name} groups ports but has no fwmark to mark them with`,
          label: 'ports without fwmark',
          help: `add \`fwmark: <a number of your choice, 1 to 2147483647>\` to ${service.name}: lvscc marks these ports with it and IPVS serves them as one fwmark service`,
        });
      }
      if (service.port !== undefined) {
        report({
          code: 'LVS255',
          pointer: joinPointer(service.pointer, 'port'),
          at: 'key',
          message: `service ${service.name} has both port ${service.port} and ports`,
          label: 'port and ports',
          related: [{ pointer, at: 'key', message: 'ports set here' }],
          help: `list ${service.port} in ports and remove port`,
        });
      }
    }
  },
};
