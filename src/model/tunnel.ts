// Facts of LVS tunnels, stated once for lint, the plan and every target: the default tunnel, the
// bytes each type adds, the path MTU to a real server and the MSS that fits it, and the fallback
// device (with its kernel module) that receives each tunnel type on a real server.
import type { Family } from './address.js';
import type { Host, Tunnel } from './types.js';

/** The tunnel of a TUN service that sets none: plain IP-in-IP, MSS clamped. */
export const DEFAULT_TUNNEL: Readonly<Tunnel> = { type: 'ipip', checksum: 'none', clampMss: true };

/** MTU assumed where the topology sets none, and the largest packet a client is assumed to send. */
export const DEFAULT_MTU = 1500;

/** Smallest MTU each IP version must carry (RFC 791, RFC 8200). */
export const MIN_INNER_MTU: Readonly<Record<Family, number>> = { 4: 576, 6: 1280 };

/** Bytes a tunnel adds to each packet: the outer IP header, plus GRE's 4 or UDP's 8 and GUE's 4. */
export function tunnelOverhead(type: Tunnel['type'], outer: Family): number {
  const ip = outer === 4 ? 20 : 40;
  if (type === 'gre') return ip + 4;
  if (type === 'gue') return ip + 8 + 4;
  return ip;
}

/** TCP MSS that fits an inner MTU: the MTU less the inner IP and TCP headers (40 for IPv4, 60 for IPv6). */
export function mssFor(innerMtu: number, family: Family): number {
  return innerMtu - (family === 4 ? 40 : 60);
}

/** The underlay path from the directors to one real server. */
export interface TunnelPath {
  /** Path MTU: the narrowest of the real server's interface and the director interfaces on its subnet. */
  mtu: number;
  /** Family of the outer (underlay) header. */
  outer: Family;
  /** The director with the narrowest interface on the real server's subnet; absent for a routed real server. */
  director?: string;
}

/**
 * The path to a real server for a VIP of `vipFamily`: through its first address of that family on a
 * subnet a director shares (else of the other family); a routed real server (no shared subnet) is
 * assumed to sit behind a default-MTU path.
 */
export function tunnelPath(realServer: Host, directors: readonly Host[], vipFamily: Family): TunnelPath | undefined {
  const own = realServer.interfaces
    .flatMap((iface) => iface.addresses.map((a) => ({ a, mtu: iface.mtu ?? DEFAULT_MTU })))
    .sort((x, y) => Number(x.a.address.family !== vipFamily) - Number(y.a.address.family !== vipFamily));
  for (const { a, mtu } of own) {
    let narrowest: { director: string; mtu: number } | undefined;
    for (const director of directors) {
      for (const iface of director.interfaces) {
        if (!iface.addresses.some((d) => d.network === a.network)) continue;
        const directorMtu = iface.mtu ?? DEFAULT_MTU;
        if (!narrowest || directorMtu < narrowest.mtu) narrowest = { director: director.name, mtu: directorMtu };
      }
    }
    if (narrowest) return { mtu: Math.min(mtu, narrowest.mtu), outer: a.address.family, director: narrowest.director };
  }
  const first = own[0];
  return first ? { mtu: Math.min(first.mtu, DEFAULT_MTU), outer: first.a.address.family } : undefined;
}

/** Room inside the tunnel on a path, and the MSS a real server must advertise so that full segments fit (absent when they already do). */
export function tunnelFit(type: Tunnel['type'], path: TunnelPath, vipFamily: Family): { overhead: number; innerMtu: number; clampTo?: number } {
  const overhead = tunnelOverhead(type, path.outer);
  const innerMtu = path.mtu - overhead;
  return innerMtu >= DEFAULT_MTU ? { overhead, innerMtu } : { overhead, innerMtu, clampTo: mssFor(innerMtu, vipFamily) };
}

/** A device the kernel creates when its tunnel module loads, and that receives that tunnel type from any director. */
export interface FallbackDevice {
  name: 'tunl0' | 'ip6tnl0' | 'gre0' | 'ip6gre0';
  kind: 'ipip' | 'ip6tnl' | 'gre' | 'ip6gre';
  /** The kernel module whose loading creates the device. */
  module: 'ipip' | 'ip6_tunnel' | 'ip_gre' | 'ip6_gre';
  family: Family;
  /** Why the device exists, for comments. */
  reason: string;
}

/** The module <-> fallback device table. */
export const FALLBACK_DEVICES: readonly FallbackDevice[] = [
  {
    name: 'tunl0',
    kind: 'ipip',
    module: 'ipip',
    family: 4,
    reason: 'tunl0 is the IP-in-IP fallback device that the ipip module creates; it decapsulates requests from any director',
  },
  { name: 'ip6tnl0', kind: 'ip6tnl', module: 'ip6_tunnel', family: 6, reason: 'ip6tnl0 is the IPv6 tunnel fallback device that the ip6_tunnel module creates' },
  {
    name: 'gre0',
    kind: 'gre',
    module: 'ip_gre',
    family: 4,
    reason: 'gre0 is the GRE fallback device that the ip_gre module creates; it decapsulates GRE from any director',
  },
  { name: 'ip6gre0', kind: 'ip6gre', module: 'ip6_gre', family: 6, reason: 'ip6gre0 is the IPv6 GRE fallback device that ip6_gre creates' },
];

/** The fallback device that receives a tunnel type (GUE arrives on the ipip devices) of a family. */
export function fallbackDevice(type: Tunnel['type'], family: Family): FallbackDevice {
  const kind = type === 'gre' ? (family === 4 ? 'gre' : 'ip6gre') : family === 4 ? 'ipip' : 'ip6tnl';
  return FALLBACK_DEVICES.find((d) => d.kind === kind)!;
}

/** The fallback device a module creates, if it creates one. */
export function fallbackDeviceOf(module: string): FallbackDevice | undefined {
  return FALLBACK_DEVICES.find((d) => d.module === module);
}
