// LVS233: an interface with an IPv6 address and an MTU below IPv6's minimum of 1280, where the kernel turns IPv6 off.
import { joinPointer } from '../../source/source-file.js';
import type { LintRule } from '../types.js';

/** RFC 8200's minimum link MTU (IPV6_MIN_MTU in the kernel). */
const IPV6_MIN_MTU = 1280;

export const ipv6MtuTooSmall: LintRule = {
  code: 'LVS233',
  check(model, report) {
    for (const host of [...model.directors, ...model.realServers]) {
      for (const iface of host.interfaces) {
        if (iface.mtu === undefined || iface.mtu >= IPV6_MIN_MTU) continue;
        const v6 = iface.addresses.find((a) => a.address.family === 6);
        if (!v6) continue;
        report({
          code: 'LVS233',
          pointer: joinPointer(iface.pointer, 'mtu'),
          message: `interface ${iface.name} of ${host.name} has IPv6 address ${v6.text} but MTU ${iface.mtu}, below IPv6's minimum of ${IPV6_MIN_MTU}: the kernel disables IPv6 on it and refuses the address`,
          label: `MTU below ${IPV6_MIN_MTU}`,
          related: [{ pointer: v6.pointer, message: 'IPv6 address' }],
          help: `raise the MTU of ${iface.name} to at least ${IPV6_MIN_MTU}, or move the IPv6 address to another interface`,
        });
      }
    }
  },
};
