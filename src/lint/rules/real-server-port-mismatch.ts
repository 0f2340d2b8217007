// LVS210: DR and TUN members whose port differs from the service port (a warning: the kernel ignores it), and sorry servers (an error: keepalived -t exits 5).
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
          message:
            service.port === undefined
              ? `member ${member.name} of ${method} fwmark service ${service.name} sets port ${member.port}: ${method} delivers with the packet's own destination port, so ${member.port} is only the port its health check probes`
              : `member ${member.name} of ${method} service ${service.name} sets port ${member.port}, which the kernel ignores: ${method} delivers to the service port ${service.port}, and lvscc writes ${service.port} for it (health check included)`,
          label: service.port === undefined ? 'probed only' : `ignored: ${service.port}`,
          help:
            service.port === undefined
              ? `write the probe port as healthCheck.port to say so; ${method} keeps the packet's destination port`
              : `remove port from ${member.name} (or set it to ${service.port}); to change ports, use nat forwarding`,
        });
      }
      // keepalived resets such a sorry server's port itself, with a warning (`keepalived -t` exits 5).
      const sorry = service.sorryServer;
      if (!sorry || sorry.port === undefined || sorry.port === service.port) continue;
      report({
        code: 'LVS210',
        severity: 'error',
        pointer: joinPointer(sorry.pointer, 'port'),
        message:
          service.port === undefined
            ? `sorry server ${sorry.address.text} of ${method} fwmark service ${service.name} sets port ${sorry.port}, which ${method} ignores`
            : `sorry server ${sorry.address.text} of ${method} service ${service.name} uses port ${sorry.port}, but ${method} delivers to the service port ${service.port}`,
        label: service.port === undefined ? 'ignored' : `not ${service.port}`,
        help:
          service.port === undefined
            ? `remove port from \`sorryServer\`: ${method} keeps the packet's destination port`
            : `remove port from \`sorryServer\` (or set it to ${service.port}); to change ports, use nat forwarding`,
      });
    }
  },
};
