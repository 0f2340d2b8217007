// Facts of the VRRP instances, stated once for lint, the resolved model and the keepalived target: which
// addresses each instance moves, its address family and priorities, the address each director sends
// unicast adverts from, and the password length it sends.
import type { Address, Family, InterfaceAddress } from './address.js';
import { interfaceOn } from './hosts.js';
import type { Host, Located, Model, Service } from './types.js';

/** Characters of a PASS password a VRRPv2 advert carries: keepalived uses the first 8 and ignores the rest. */
export const VRRP_PASSWORD_LENGTH = 8;

/** keepalived's own default VRRP priority, used when a director sets none. */
export const DEFAULT_PRIORITY = 100;

/** One VRRP instance as lint and the resolver see it: the first (`vrrp` itself) or one of `vrrp.instances`. */
export interface InstanceFacts extends Located {
  /** The first instance is named after the cluster. */
  name: string;
  first: boolean;
  virtualRouterId: number;
  interface: string;
  /** Floating addresses besides the services' VIPs: for the first, `gatewayAddress` then `addresses`. */
  addresses: (InterfaceAddress & Located)[];
  /** Services whose VIP it moves (named by `vrrpInstance`, or naming none for the first), sorted by name. */
  services: Service[];
  syncGroup?: { name: string } & Located;
  /** A director's priority here: its `priorities` entry, else its own `priority`, else keepalived's 100. */
  priority(director: Host): number;
}

/** The instance a service names, or the first (named after the cluster) when it names none. */
export const instanceNameOf = (model: Pick<Model, 'cluster'>, service: Service): string => service.vrrpInstance?.name ?? model.cluster;

/** Every VRRP instance of the model, the first one first; none without a vrrp section. */
export function vrrpInstances(model: Pick<Model, 'cluster' | 'services' | 'vrrp'>): InstanceFacts[] {
  const vrrp = model.vrrp;
  if (!vrrp) return [];
  const own = (director: Host): number => director.priority ?? DEFAULT_PRIORITY;
  const byInstance = new Map<string, Service[]>();
  for (const s of model.services) {
    const name = instanceNameOf(model, s);
    const list = byInstance.get(name);
    if (list) list.push(s);
    else byInstance.set(name, [s]);
  }
  const servicesOf = (name: string): Service[] => byInstance.get(name) ?? [];
  const first: InstanceFacts = {
    name: model.cluster,
    pointer: vrrp.pointer,
    first: true,
    virtualRouterId: vrrp.virtualRouterId,
    interface: vrrp.interface,
    addresses: [...(vrrp.gatewayAddress ? [vrrp.gatewayAddress] : []), ...vrrp.addresses],
    services: servicesOf(model.cluster),
    priority: own,
  };
  if (vrrp.syncGroup) first.syncGroup = vrrp.syncGroup;
  const rest = vrrp.instances.map((i): InstanceFacts => {
    const written = new Map(i.priorities.map((p) => [p.host, p.priority]));
    const facts: InstanceFacts = {
      name: i.name,
      pointer: i.pointer,
      first: false,
      virtualRouterId: i.virtualRouterId,
      interface: i.interface,
      addresses: i.addresses,
      services: servicesOf(i.name),
      priority: (director) => written.get(director.name) ?? own(director),
    };
    if (i.syncGroup) facts.syncGroup = i.syncGroup;
    return facts;
  });
  return [first, ...rest];
}

/**
 * The address family of an instance: keepalived takes it from `virtual_ipaddress`, which holds one family.
 * IPv4 (VRRPv2, which can authenticate) when any address it moves is IPv4, else IPv6 (VRRPv3).
 */
export function instanceFamily(instance: Pick<InstanceFacts, 'addresses' | 'services'>): Family {
  return instance.addresses.some((a) => a.address.family === 4) || instance.services.some((s) => s.vip.family === 4) ? 4 : 6;
}

/** The address family of the first VRRP instance (see instanceFamily). */
export function vrrpFamily(model: Pick<Model, 'cluster' | 'services' | 'vrrp'>): Family {
  const first = vrrpInstances(model)[0];
  return first ? instanceFamily(first) : 4;
}

/** The address `director` sends unicast adverts from: its first address of `family` on the VRRP interface. */
export function vrrpSourceAddress(director: Host, iface: string, family: Family): Address | undefined {
  for (const a of director.interfaces.find((i) => i.name === iface)?.addresses ?? []) if (a.address.family === family) return a.address;
  return undefined;
}

/** The interface keepalived adds a floating address of an instance on: the director's on its segment, else the instance's. */
export function floatingAddressDevice(director: Host, address: Address, instanceInterface: string): string {
  return interfaceOn(director, address)?.iface.name ?? instanceInterface;
}
