// Facts of one virtual service, stated once for lint, the plan and every target: the VIP's host
// prefix, the persistence granularity, and the port of each destination in IPVS.
import { hostPrefix, type Address } from './address.js';
import type { HealthCheck, HealthCheckType, Manager, Member, Service } from './types.js';

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
 * has no port of its own, so only a port set on a NAT member counts (undefined: none; keepalived clears
 * the port of a DR/TUN member of a fwmark service).
 */
export function destinationPort(service: Pick<Service, 'fwmark' | 'forwarding' | 'port'>, member: Pick<Member, 'port'>): number | undefined {
  if (service.fwmark !== undefined) return service.forwarding === 'nat' ? member.port : undefined;
  if (service.forwarding === 'nat') return member.port ?? service.port;
  return service.port;
}

/** A service with at least one real server (the type keepalived.conf's virtual servers take). */
export type WithRealServers<S extends { members: readonly object[] }> = S & { members: [S['members'][number], ...S['members'][number][]] };

/**
 * True when `service` has a real server. keepalived ignores a virtual_server without one (check_data.c, "has no
 * real servers - ignoring"; `keepalived -t` exits non-zero), even with a sorry server, so keepalived.conf holds only
 * these; the static manager creates the IPVS service without destinations (LVS275 says what each does).
 */
export function hasRealServers<S extends { members: readonly object[] }>(service: S): service is WithRealServers<S> {
  return service.members.length > 0;
}

/** What of a service only keepalived runs: a check (of a type other than `none`), a sorry server, a quorum. */
export type KeepalivedFeature =
  | { kind: 'check'; check: HealthCheck }
  | { kind: 'sorryServer'; sorryServer: NonNullable<Service['sorryServer']> }
  | { kind: 'quorum'; quorum: NonNullable<Service['quorum']> };

/**
 * The features of `service` that need the keepalived manager: its health check unless `type: none` (a
 * member's check takes the service's type), its sorry server, its quorum. The default manager and LVS218
 * read this one list.
 */
export function keepalivedFeatures(service: Pick<Service, 'healthCheck' | 'sorryServer' | 'quorum'>): KeepalivedFeature[] {
  return [
    ...(service.healthCheck && service.healthCheck.type !== 'none' ? [{ kind: 'check' as const, check: service.healthCheck }] : []),
    ...(service.sorryServer ? [{ kind: 'sorryServer' as const, sorryServer: service.sorryServer }] : []),
    ...(service.quorum ? [{ kind: 'quorum' as const, quorum: service.quorum }] : []),
  ];
}

/**
 * The manager when the topology sets none: keepalived when a service has a feature only keepalived runs
 * (keepalived without VRRP is normal for one director) or when there are two or more directors (VRRP);
 * otherwise static, which needs nothing but ipvsadm.
 */
export function defaultManager(directorCount: number, services: readonly Pick<Service, 'healthCheck' | 'sorryServer' | 'quorum'>[]): Manager {
  return directorCount >= 2 || services.some((s) => keepalivedFeatures(s).length > 0) ? 'keepalived' : 'static';
}

/** Check types that connect to a port of the real server (misc runs a script, ping sends ICMP, none checks nothing). */
export type PortCheckType = Exclude<HealthCheckType, 'misc' | 'ping' | 'none'>;

export function probesPort(type: HealthCheckType): type is PortCheckType {
  return type !== 'misc' && type !== 'ping' && type !== 'none';
}

/**
 * The port a member's check connects to: the check's `port` (the member's check over the service's),
 * else the member's destination port; undefined for a fwmark member with neither (LVS245 refuses that).
 */
export function checkProbePort(
  service: Pick<Service, 'fwmark' | 'forwarding' | 'port' | 'healthCheck'>,
  member: Pick<Member, 'port' | 'healthCheck'>,
): number | undefined {
  // A DR/TUN member of a fwmark service has no destination port (keepalived clears one), but its port still
  // names where its check connects (LVS210 says so).
  return (member.healthCheck ?? service.healthCheck)?.port ?? (service.fwmark !== undefined ? member.port : undefined) ?? destinationPort(service, member);
}
