// LVS210: DR and TUN members whose port differs from the service port (ipvsadm forces them equal).
import { joinPointer } from '../../source/source-file.js';
import type { LintRule } from '../types.js';

export const realServerPortMismatch: LintRule = {
  code: 'LVS210',
  check(model, report) {
    for (const service of model.services) {
      if (service.forwarding !== 'dr' && service.forwarding !== 'tun') continue;
      const method = service.forwarding.toUpperCase();
      for (const member of service.members) {
        if (!member.portSet || member.port === service.port) continue;
        report({
          code: 'LVS210',
          pointer: joinPointer(member.pointer, 'port'),
          message: service.port === undefined
            ? `member ${member.name} of ${method} fwmark service ${service.name} sets port ${member.port}, which ${method} ignores`
            : `member ${member.name} of ${method} service ${service.name} uses port ${member.port}, but ${method} delivers to the service port ${service.port}`,
          label: service.port === undefined ? 'ignored' : `not ${service.port}`,
          help: service.port === undefined
            ? `remove port from ${member.name}: ${method} keeps the packet's destination port`
            : `remove port from ${member.name} (or set it to ${service.port}); to change ports, use nat forwarding`,
        });
      }
    }
  },
};
