// LVS230: a host interface named like a device lvscc creates (lvs0, lvs-gue-N) or a kernel fallback device (tunl0, lo, ...).
import type { LintRule } from '../types.js';

/** Devices the kernel creates itself when a module loads (or always, for lo), with what creates them. */
const kernelDevices: ReadonlyMap<string, string> = new Map([
  ['lo', 'the loopback device'],
  ['tunl0', 'the IP-in-IP fallback device of the ipip module, which lvscc gives the VIP on TUN real servers'],
  ['gre0', 'the GRE fallback device of the ip_gre module, which lvscc gives the VIP on GRE real servers'],
  ['gretap0', 'a fallback device of the ip_gre module'],
  ['erspan0', 'a fallback device of the ip_gre module'],
  ['ip6tnl0', 'the IPv6 tunnel fallback device of the ip6_tunnel module, which lvscc gives the VIP on IPv6 TUN real servers'],
  ['ip6gre0', 'the IPv6 GRE fallback device of the ip6_gre module, which lvscc gives the VIP on IPv6 GRE real servers'],
  ['sit0', 'the fallback device of the sit module'],
  ['ip_vti0', 'the fallback device of the ip_vti module'],
  ['ip6_vti0', 'the fallback device of the ip6_vti module'],
]);

/** What a name means to lvscc or the kernel, if it is reserved. */
function reservedUse(name: string): string | undefined {
  if (name === 'lvs0') return 'the dummy device lvscc creates to hold VIPs on DR real servers';
  if (name.startsWith('lvs-gue-')) return 'the name lvscc gives its GUE receive ports';
  return kernelDevices.get(name);
}

export const reservedInterfaceName: LintRule = {
  code: 'LVS230',
  check(model, report) {
    for (const host of [...model.directors, ...model.realServers]) {
      for (const iface of host.interfaces) {
        const use = reservedUse(iface.name);
        if (!use) continue;
        report({
          code: 'LVS230',
          pointer: iface.pointer,
          at: 'key',
          message: `interface \`${iface.name}\` of ${host.role === 'director' ? 'director' : 'real server'} ${host.name} is a reserved name: ${use}`,
          label: 'reserved device name',
          help: `list only the host's own network interfaces (such as \`eth0\`) under \`interfaces\`: lvscc configures \`${iface.name}\` itself where it needs it, and its files for that device would clash with these`,
        });
      }
    }
  },
};
