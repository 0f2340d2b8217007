// LVS227: a public address on a service that IOS static NAT (NAT44, per tcp/udp port) cannot map.
import type { LintRule } from '../types.js';

export const publicMappingUnsupported: LintRule = {
  code: 'LVS227',
  check(model, report) {
    for (const service of model.services) {
      const publicAddress = service.publicAddress;
      if (!publicAddress) continue;
      if (service.vip.family === 6) {
        report({
          code: 'LVS227',
          pointer: publicAddress.pointer,
          message: `service ${service.name} maps public address ${publicAddress.text} onto IPv6 VIP ${service.vip.text}, but IOS \`ip nat inside source static\` is NAT44 only`,
          label: 'IPv4 to IPv6',
          related: [{ pointer: service.vip.pointer, message: 'IPv6 VIP' }],
          help: 'give this service an IPv4 VIP, or route the IPv6 VIP to the directors directly and remove `publicAddress`',
        });
      }
      if (service.fwmark !== undefined) {
        report({
          code: 'LVS227',
          pointer: publicAddress.pointer,
          message: `service ${service.name} is a fwmark service (mark ${service.fwmark}): it has no protocol and port for the router to map ${publicAddress.text} onto`,
          label: 'fwmark service',
          help: 'publish the ports through services with `port` and map each of them, or remove `publicAddress`',
        });
      } else if (service.protocol === 'sctp') {
        report({
          code: 'LVS227',
          pointer: publicAddress.pointer,
          message: `service ${service.name} uses sctp, but IOS static NAT maps only tcp and udp ports`,
          label: 'sctp service',
          help: 'remove `publicAddress` and route the VIP to the directors, or publish the service over tcp or udp',
        });
      }
    }
  },
};
