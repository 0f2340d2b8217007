// Facts of one virtual service, stated once for lint, the plan and every target: the VIP's host
// prefix, the persistence granularity, and the port of each destination in IPVS.
import { hostPrefix, type Address } from './address.js';
import type { Member, Service } from './types.js';

/**
 * Seconds a real server that leaves a service keeps its connections before it is deleted: ordinary
 * requests and downloads finish in that time, and apply.sh, which waits for the drain, stays interactive.
 */
export const DEFAULT_DRAIN_TIMEOUT = 60;

/** The VIP as a host route, `10.10.24.88/32` or `2001:db8::88/128`: how real servers hold it, on lo, tunl0 or lvs0. */
export function vipCidr(vip: Address): string {
  return `${vip.text}/${hostPrefix(vip.family)}`;
}

/**
 * The VIP as a director holds it: with the prefix written after it (`10.10.24.88/24`, which LVS220 allows
 * only when it is the prefix of the director's own segment, so the kernel adds it as a second address of
 * that segment), else as a host address.
 */
export function directorVipCidr(service: Pick<Service, 'vip' | 'vipPrefix'>): string {
  return `${service.vip.text}/${service.vipPrefix ?? hostPrefix(service.vip.family)}`;
}

/** An IPv4 prefix length as a dotted netmask, `24` -> `255.255.255.0`. */
export function dottedNetmask(prefix: number): string {
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((shift) => (mask >>> shift) & 0xff).join('.');
}

/**
 * Persistence of a service as ipvsadm-save and keepalived print it: the timeout, and the client
 * granularity (dotted netmask for IPv4, prefix length for IPv6), null when it is the whole address.
 */
export function persistenceOf(service: Pick<Service, 'persistence' | 'persistenceNetmask' | 'vip'>): { timeout: number; granularity: string | null } | null {
  if (service.persistence === undefined) return null;
  const family = service.vip.family;
  const prefix = service.persistenceNetmask ?? hostPrefix(family);
  const granularity = prefix === hostPrefix(family) ? null : family === 4 ? dottedNetmask(prefix) : String(prefix);
  return { timeout: service.persistence, granularity };
}

/**
 * The port of a member in IPVS: NAT maps to the member's own port (default the service port); DR and
 * TUN cannot change the port, so the kernel uses the service port (ipvsadm forces it); a fwmark service
 * has no port of its own, so only a port set on the member counts (undefined: none).
 */
export function destinationPort(service: Pick<Service, 'fwmark' | 'forwarding' | 'port'>, member: Pick<Member, 'port'>): number | undefined {
  if (service.fwmark !== undefined) return member.port;
  if (service.forwarding === 'nat') return member.port ?? service.port;
  return service.port;
}
