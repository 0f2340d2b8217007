// The model as targets read it, after lint found no errors: types that rule out what lint rejects
// (port xor fwmark, a tunnel on every TUN service and only there, a port for every check that probes one, every member resolved to a host with
// an address in the VIP's family, the VRRP leader of two or more directors and, for unicast VRRP, each
// director's source address). resolveModel() is the one place that narrows the linted model; a topology
// lint accepted that it cannot narrow is a bug in lint.
import type { Address, Family, InterfaceAddress } from './address.js';
import { realServerAddressIn } from './hosts.js';
import { checkProbePort, destinationPort, type PortCheckType } from './service.js';
import { DEFAULT_TUNNEL } from './tunnel.js';
import type { HealthCheck, Host, Located, Member, Model, Service, Tunnel, Vrrp } from './types.js';
import { instanceFamily, vrrpInstances, vrrpSourceAddress } from './vrrp.js';

export { DEFAULT_PRIORITY } from './vrrp.js';

/** A tunnel whose options fit its type (LVS222): ipip takes none, gue needs a port, gre has no remote checksum. */
export type ResolvedTunnel =
  | { type: 'ipip'; checksum: 'none'; clampMss: boolean; port?: undefined }
  | { type: 'gue'; port: number; checksum: Tunnel['checksum']; clampMss: boolean }
  | { type: 'gre'; checksum: 'none' | 'csum'; clampMss: boolean; port?: undefined };

/** A check keepalived runs on one member: its fields over the service's; a check that connects to a port has one (LVS245). */
export type ResolvedCheck =
  | (Omit<HealthCheck, 'type'> & { type: 'misc'; probePort?: undefined })
  | (Omit<HealthCheck, 'type'> & { type: 'ping'; probePort?: undefined })
  | (Omit<HealthCheck, 'type'> & { type: PortCheckType; probePort: number });

/** A member whose real server exists (LVS204) and has an address in the VIP's family (LVS221). */
export interface ResolvedMember extends Member {
  /** The check of this member; undefined without one or with `type: none`. */
  check?: ResolvedCheck;
  host: Host;
  /** The real server's address the director sends to. */
  address: Address;
  /** The destination port in IPVS (see destinationPort in service.ts); undefined for a fwmark member without one. */
  destinationPort: number | undefined;
}

/** A service has a port or a fwmark, never both (LVS225). */
type PortOrMark = { port: number; fwmark?: undefined } | { fwmark: number; port?: undefined };
/** A TUN service has its tunnel; other methods have none (LVS222). */
type MethodAndTunnel = { forwarding: 'tun'; tunnel: ResolvedTunnel } | { forwarding: 'dr'; tunnel?: undefined } | { forwarding: 'nat'; tunnel?: undefined };

export type ResolvedService = Omit<Service, 'port' | 'fwmark' | 'forwarding' | 'tunnel' | 'members'> &
  PortOrMark &
  MethodAndTunnel & { members: ResolvedMember[] };

/** One VRRP instance of a resolved model: the first (`vrrp` itself) or one of `vrrp.instances`. */
export interface ResolvedInstance {
  /** The first instance is named after the cluster. */
  name: string;
  pointer: string;
  virtualRouterId: number;
  interface: string;
  /** Each director's priority in this instance, by director name. */
  priorities: ReadonlyMap<string, number>;
  /** The director with the highest priority here, which wins the first election (every director starts as BACKUP). */
  leader: Host;
  /** The instance's address family (see instanceFamily in vrrp.ts). */
  family: Family;
  /**
   * With `unicast`: each director's own address on the instance's interface in `family`, by director name
   * (LVS242 makes sure every director has one); null for multicast adverts.
   */
  unicastSources: ReadonlyMap<string, Address> | null;
  /** Floating addresses besides the services' VIPs (the first: `gatewayAddress`, then `addresses`). */
  addresses: (InterfaceAddress & Located)[];
  /** Names of the services whose VIPs it moves. */
  services: ReadonlySet<string>;
  syncGroup?: string;
}

/** VRRP of a resolved model: the first instance's leader, family and unicast sources, and every instance. */
export interface ResolvedVrrp extends Vrrp {
  /** The first instance's leader (LVS213 makes it unique). */
  leader: Host;
  family: Family;
  unicastSources: ReadonlyMap<string, Address> | null;
  /** Every instance, the first one first (then by name). */
  all: ResolvedInstance[];
}

export type ResolvedModel = Omit<Model, 'services' | 'vrrp'> & {
  services: ResolvedService[];
  /** Present for VRRP; two or more directors always have it (LVS212). */
  vrrp?: ResolvedVrrp;
};

/** Why a linted model could not be narrowed: a rule let something through. */
export interface ResolveProblem {
  pointer: string;
  message: string;
}

function resolveTunnel(tunnel: Tunnel): ResolvedTunnel | string {
  if (tunnel.type === 'ipip')
    return tunnel.port === undefined && tunnel.checksum === 'none'
      ? { type: 'ipip', checksum: 'none', clampMss: tunnel.clampMss }
      : 'ipip takes no port or checksum';
  if (tunnel.type === 'gue')
    return tunnel.port !== undefined ? { type: 'gue', port: tunnel.port, checksum: tunnel.checksum, clampMss: tunnel.clampMss } : 'a gue tunnel needs a port';
  if (tunnel.checksum === 'remcsum' || tunnel.port !== undefined) return 'gre takes no port and no remote checksum';
  return { type: 'gre', checksum: tunnel.checksum, clampMss: tunnel.clampMss };
}

/** Narrows a model that lint found no errors in; returns the problems instead when a guarantee does not hold. */
export function resolveModel(model: Model): { model: ResolvedModel } | { problems: ResolveProblem[] } {
  const problems: ResolveProblem[] = [];
  const services: ResolvedService[] = [];
  for (const service of model.services) {
    const problem = (message: string, pointer = service.pointer): void => void problems.push({ pointer, message: `service ${service.name}: ${message}` });
    const members: ResolvedMember[] = [];
    for (const member of service.members) {
      if (!member.host) {
        problem(`real server ${member.name} is not defined`, member.pointer);
        continue;
      }
      const address = realServerAddressIn(member.host, service.vip.family);
      if (!address) {
        problem(`real server ${member.name} has no IPv${service.vip.family} address`, member.pointer);
        continue;
      }
      const resolved: ResolvedMember = { ...member, host: member.host, address, destinationPort: destinationPort(service, member) };
      const check = member.healthCheck ?? service.healthCheck;
      if (check && check.type !== 'none') {
        const type = check.type;
        if (type === 'misc') resolved.check = { ...check, type };
        else if (type === 'ping') resolved.check = { ...check, type };
        else {
          const probePort = checkProbePort(service, member);
          if (probePort === undefined) {
            problem(`the ${type} check of real server ${member.name} has no port to probe`, member.pointer);
            continue;
          }
          resolved.check = { ...check, type, probePort };
        }
      }
      members.push(resolved);
    }
    let portOrMark: PortOrMark;
    if (service.port !== undefined && service.fwmark === undefined) portOrMark = { port: service.port };
    else if (service.fwmark !== undefined && service.port === undefined) portOrMark = { fwmark: service.fwmark };
    else {
      problem('needs exactly one of port and fwmark');
      continue;
    }
    let method: MethodAndTunnel;
    if (service.forwarding === 'tun') {
      const tunnel = resolveTunnel(service.tunnel ?? DEFAULT_TUNNEL);
      if (typeof tunnel === 'string') {
        problem(tunnel);
        continue;
      }
      method = { forwarding: 'tun', tunnel };
    } else if (service.tunnel) {
      problem(`${service.forwarding} takes no tunnel`);
      continue;
    } else method = { forwarding: service.forwarding };
    const { port: _port, fwmark: _fwmark, tunnel: _tunnel, forwarding: _forwarding, ...rest } = service;
    services.push({ ...rest, ...portOrMark, ...method, members });
  }
  const { vrrp: linkedVrrp, services: _services, ...rest } = model;
  const resolved: ResolvedModel = { ...rest, services };
  if (linkedVrrp) {
    const all: ResolvedInstance[] = [];
    for (const facts of vrrpInstances(model)) {
      const priorities = new Map(model.directors.map((d) => [d.name, facts.priority(d)]));
      const top = Math.max(...priorities.values());
      const leaders = model.directors.filter((d) => priorities.get(d.name) === top);
      const family = instanceFamily(facts);
      let unicastSources: Map<string, Address> | null = null;
      if (linkedVrrp.unicast) {
        unicastSources = new Map();
        for (const director of model.directors) {
          const source = vrrpSourceAddress(director, facts.interface, family);
          if (source) unicastSources.set(director.name, source);
          else
            problems.push({
              pointer: director.pointer,
              message: `director ${director.name} has no IPv${family} address on ${facts.interface} to send unicast VRRP adverts from`,
            });
        }
      }
      if (leaders.length !== 1) {
        const where = facts.first ? '' : ` in VRRP instance ${facts.name}`;
        problems.push({
          pointer: facts.first ? '/directors' : facts.pointer,
          message: `directors ${leaders.map((d) => d.name).join(', ')} share VRRP priority ${top}${where}`,
        });
        continue;
      }
      const instance: ResolvedInstance = {
        name: facts.name,
        pointer: facts.pointer,
        virtualRouterId: facts.virtualRouterId,
        interface: facts.interface,
        priorities,
        leader: leaders[0]!,
        family,
        unicastSources,
        addresses: facts.addresses,
        services: new Set(facts.services.map((s) => s.name)),
      };
      if (facts.syncGroup) instance.syncGroup = facts.syncGroup.name;
      all.push(instance);
    }
    const first = all[0];
    if (first && first.name === model.cluster && all.length === linkedVrrp.instances.length + 1)
      resolved.vrrp = { ...linkedVrrp, leader: first.leader, family: first.family, unicastSources: first.unicastSources, all };
  } else if (model.directors.length >= 2) problems.push({ pointer: '/directors', message: `${model.directors.length} directors but no vrrp section` });
  return problems.length ? { problems } : { model: resolved };
}
