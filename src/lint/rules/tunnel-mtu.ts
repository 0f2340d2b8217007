// LVS211: tunnel encapsulation leaves too little room in the path MTU between director and real server.
import type { Family } from '../../model/address.js';
import type { Host, Service } from '../../model/types.js';
import type { LintRule } from '../types.js';

const DEFAULT_MTU = 1500;
const BASE_OVERHEAD = { ipip: 20, gre: 24, gue: 20 + 8 + 4 } as const;
/** Smallest MTU each IP version must carry (RFC 8200, RFC 791). */
const MIN_INNER_MTU = { 4: 576, 6: 1280 } as const;
/** The kernel's smallest TCP MSS (TCP_MIN_MSS in include/net/tcp.h): with clampMss, less than this is an error. */
const TCP_MIN_MSS = 88;

interface Path {
  mtu: number;
  outer: Family;
  /** Director sharing the real server's subnet, if any. */
  director?: string;
}

/** Path MTU to one real server: the narrowest of its interface and the director interfaces on that subnet. */
function pathTo(host: Host, vipFamily: Family, onSubnet: Map<string, { director: string; mtu: number }[]>): Path | undefined {
  const own = host.interfaces
    .flatMap((i) => i.addresses.map((a) => ({ a, mtu: i.mtu ?? DEFAULT_MTU })))
    .sort((x, y) => Number(x.a.address.family !== vipFamily) - Number(y.a.address.family !== vipFamily));
  for (const { a, mtu } of own) {
    const directors = onSubnet.get(a.network);
    if (!directors) continue;
    const narrowest = directors.reduce((best, d) => (d.mtu < best.mtu ? d : best));
    return { mtu: Math.min(mtu, narrowest.mtu), outer: a.address.family, director: narrowest.director };
  }
  // Routed real server: the director side of the path is unknown, so assume the default.
  const first = own[0];
  return first ? { mtu: Math.min(first.mtu, DEFAULT_MTU), outer: first.a.address.family } : undefined;
}

export const tunnelMtu: LintRule = {
  code: 'LVS211',
  check(model, report) {
    const onSubnet = new Map<string, { director: string; mtu: number }[]>();
    for (const director of model.directors) {
      for (const iface of director.interfaces) {
        for (const a of iface.addresses) {
          const list = onSubnet.get(a.network) ?? [];
          list.push({ director: director.name, mtu: iface.mtu ?? DEFAULT_MTU });
          onSubnet.set(a.network, list);
        }
      }
    }
    for (const service of model.services) {
      if (service.forwarding !== 'tun' || !service.tunnel) continue;
      for (const member of service.members) {
        if (!member.host) continue;
        const path = pathTo(member.host, service.vip.family, onSubnet);
        if (path) check(service, member.host, member.pointer, path, report);
      }
    }
  },
};

function check(service: Service, host: Host, pointer: string, path: Path, report: Parameters<LintRule['check']>[1]): void {
  const tunnel = service.tunnel!;
  const overhead = BASE_OVERHEAD[tunnel.type] + (path.outer === 6 ? 20 : 0);
  const inner = path.mtu - overhead;
  const family = service.vip.family;
  const between = path.director ? `${path.director} and ${host.name}` : `the directors and ${host.name}`;
  const describe = `path MTU ${path.mtu} to ${host.name} leaves ${inner} bytes inside the ${tunnel.type} tunnel (${overhead} bytes of headers)`;
  const minimum = MIN_INNER_MTU[family];
  const mss = inner - (family === 4 ? 40 : 60);
  if (tunnel.clampMss && mss < TCP_MIN_MSS) {
    // Real servers would be told to advertise this MSS (a route's advmss, networkd's TCPAdvertisedMaximumSegmentSize):
    // zero or negative is refused by ip(8) and networkd, and a few bytes per segment is no service at all.
    report({
      code: 'LVS211',
      severity: 'error',
      pointer,
      message: `${describe}, too few for TCP: clampMss would make ${host.name} advertise MSS ${mss}, below the kernel's minimum of ${TCP_MIN_MSS}`,
      label: `inner MTU ${inner}`,
      help: `raise the MTU between ${between} to at least ${minimum + overhead}`,
    });
    return;
  }
  if (inner < minimum) {
    report({
      code: 'LVS211',
      pointer,
      message: `${describe}, below the IPv${family} minimum of ${minimum}`,
      label: `inner MTU ${inner}`,
      help: `raise the MTU between ${between} to at least ${minimum + overhead}`,
    });
    return;
  }
  if (tunnel.clampMss || inner >= DEFAULT_MTU) return;
  report({
    code: 'LVS211',
    pointer,
    message: `${describe}, less than a full ${DEFAULT_MTU}-byte packet, and clampMss is off`,
    label: `inner MTU ${inner}`,
    help: `set tunnel.clampMss: true (real servers then advertise MSS ${mss}), or raise the MTU between ${between} to ${DEFAULT_MTU + overhead}`,
  });
}
