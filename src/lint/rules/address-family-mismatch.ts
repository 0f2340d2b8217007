// LVS221: real servers and sorry servers that cannot be reached in the address family forwarding needs.
import type { Family } from '../../model/address.js';
import type { Host } from '../../model/types.js';
import { joinPointer } from '../../source/source-file.js';
import type { LintRule } from '../types.js';

const familiesOf = (host: Host): Set<Family> => new Set(host.interfaces.flatMap((i) => i.addresses.map((a) => a.address.family)));
const list = (families: Set<Family>): string =>
  [...families]
    .sort()
    .map((f) => `IPv${f}`)
    .join(' and ') || 'no';

export const addressFamilyMismatch: LintRule = {
  code: 'LVS221',
  check(model, report) {
    const hostFamilies = new Map<string, Set<Family>>();
    for (const service of model.services) {
      const vipFamily = service.vip.family;
      for (const member of service.members) {
        const host = member.host;
        if (!host) continue;
        let families = hostFamilies.get(host.name);
        if (!families) hostFamilies.set(host.name, (families = familiesOf(host)));
        if (families.has(vipFamily)) continue;
        // IPVS can tunnel across families, but the real server must then decapsulate on another device
        // (IPv4 in IPv6 on an ip6tnl device in ipip6 mode: the fallback ip6tnl0 is ip6ip6 only; IPv6 in
        // IPv4 on sit0), which lvscc does not set up yet: refused here, rather than built half-way.
        const tun = service.forwarding === 'tun';
        report({
          code: 'LVS221',
          pointer: member.pointer,
          message: tun
            ? `real server ${host.name} has ${list(families)} addresses only, but TUN service ${service.name} has an IPv${vipFamily} VIP, and lvscc does not prepare real servers for tunnels across address families`
            : `real server ${host.name} has ${list(families)} addresses only, but ${service.forwarding.toUpperCase()} service ${service.name} has an IPv${vipFamily} VIP`,
          label: `no IPv${vipFamily} address`,
          related: [{ pointer: service.vip.pointer, message: `IPv${vipFamily} VIP` }],
          help: `give ${host.name} an IPv${vipFamily} address, or give ${service.name} an IPv${[...families][0] ?? (vipFamily === 4 ? 6 : 4)} VIP`,
        });
      }
      const sorry = service.sorryServer;
      // keepalived skips such a sorry server at load ("Address family of virtual server and sorry server ... don't match").
      if (sorry && sorry.address.family !== vipFamily) {
        report({
          code: 'LVS221',
          pointer: joinPointer(sorry.pointer, 'address'),
          message: `sorry server ${sorry.address.text} of service ${service.name} is IPv${sorry.address.family}, but the VIP is IPv${vipFamily}: keepalived skips it`,
          label: `not IPv${vipFamily}`,
          related: [{ pointer: service.vip.pointer, message: `IPv${vipFamily} VIP` }],
          help: `give ${service.name} a sorry server with an IPv${vipFamily} address`,
        });
      }
    }
  },
};
