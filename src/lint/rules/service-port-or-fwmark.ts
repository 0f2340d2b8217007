// LVS225: a service needs exactly one of port and fwmark.
import { joinPointer } from '../../source/source-file.js';
import type { LintRule } from '../types.js';

export const servicePortOrFwmark: LintRule = {
  code: 'LVS225',
  check(model, report) {
    for (const service of model.services) {
      if (service.port === undefined && service.fwmark === undefined) {
        report({
          code: 'LVS225',
          pointer: service.pointer,
          at: 'key',
          message: `service ${service.name} has neither port nor fwmark`,
          label: 'no port',
          help: `set port (such as 80) on ${service.name}, or fwmark for a firewall-mark service`,
        });
      } else if (service.port !== undefined && service.fwmark !== undefined) {
        report({
          code: 'LVS225',
          pointer: joinPointer(service.pointer, 'fwmark'),
          message: `service ${service.name} has both port ${service.port} and fwmark ${service.fwmark}`,
          label: 'fwmark and port',
          related: [{ pointer: joinPointer(service.pointer, 'port'), message: 'port set here' }],
          help: 'a fwmark service matches packets by mark alone: remove port, or remove fwmark',
        });
      }
    }
  },
};
