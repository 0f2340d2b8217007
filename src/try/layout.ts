// Derives the lab layout of `lvscc try` from a resolved topology: namespaces, bridges (one per L2 segment),
// the edge router, the client and what to check per service; written as JSON for lab/try-guest.sh.
import { createRequire } from 'node:module';
import type * as IpNum from 'ip-num';
import type { InterfaceAddress } from '../model/address.js';
import { onLink } from '../model/address.js';
import type { ResolvedModel, ResolvedService } from '../model/resolved.js';
import { planRouter } from '../plan/router-plan.js';

/** The checks `lvscc try` can run. */
export const SCENARIOS = ['traffic', 'health', 'failover'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** One interface of a lab namespace, with the bridge of its segment. */
export interface LayoutLink {
  interface: string;
  bridge: string;
  /** Addresses the guest configures itself (router and client); hosts get theirs from apply.sh. */
  addresses: string[];
}

export interface LayoutHost {
  name: string;
  role: 'director' | 'real-server';
  links: LayoutLink[];
}

/** The edge router as a namespace: the bundle's nftables files, or DNAT rules equivalent to the IOS snippet. */
export interface LayoutRouter {
  name: string;
  platform: 'nftables' | 'cisco-ios';
  links: LayoutLink[];
  /** Static NAT of the plan: public address and port to VIP and port. */
  dnat: { service: string; protocol: string; family: 4 | 6; public: string; publicPort: number; vip: string; port: number }[];
  /** Routes to VIPs off the inside subnet, through the director that holds them. */
  routes: { vip: string; via: string }[];
}

export interface LayoutClient {
  name: string;
  links: LayoutLink[];
  /** Default routes (through the router's outside address) or host routes to VIPs off every client segment. */
  routes: { to: string; via: string }[];
}

export interface LayoutMember {
  host: string;
  /** The address the director sends to (NAT and health checks reach the server there). */
  address: string;
  port: number;
  weight: number;
}

export interface LayoutService {
  name: string;
  protocol: 'tcp' | 'udp' | 'sctp';
  family: 4 | 6;
  vip: string;
  /** Undefined for a fwmark service. */
  port?: number;
  fwmark?: number;
  /** A fwmark service that marks its own `ports`: the ports requests go to (each port, both ends of each range). */
  ports?: number[];
  forwarding: 'tun' | 'dr' | 'nat';
  scheduler: string;
  persistent: boolean;
  /** How traffic is spread: `even` (rr), `weighted` (wrr), `one` (persistence) or `any` (other schedulers). */
  spread: 'even' | 'weighted' | 'one' | 'any';
  /** Through the router: the public address and port mapped onto the VIP. */
  public?: { address: string; port: number };
  healthCheck?: { type: string; script?: string; interval: number; timeout: number; retries: number };
  members: LayoutMember[];
}

/** One VRRP instance: its MASTER at the first election, the interface of its adverts and its services. */
export interface LayoutInstance {
  name: string;
  leader: string;
  interface: string;
  services: string[];
}

/** The whole job of one topology in the guest. */
export interface Layout {
  topology: string;
  cluster: string;
  manager: 'static' | 'keepalived';
  scenarios: Scenario[];
  hosts: LayoutHost[];
  bridges: { name: string; network: string }[];
  router?: LayoutRouter;
  client: LayoutClient;
  services: LayoutService[];
  /** With VRRP: the directors, and per instance the one that starts as MASTER and the services it moves. */
  vrrp?: { directors: string[]; instances: LayoutInstance[] };
  /** What the guest will not check, and why. */
  notes: string[];
}

let ipNum: typeof IpNum | undefined;
const loadIpNum = (): typeof IpNum => (ipNum ??= createRequire(import.meta.url)('ip-num') as typeof IpNum);

/** The canonical text of an address value. */
function addressText(family: 4 | 6, value: bigint): string {
  if (family === 4) {
    const v = Number(value);
    return `${v >>> 24}.${(v >>> 16) & 0xff}.${(v >>> 8) & 0xff}.${v & 0xff}`;
  }
  const { IPv6, collapseIPv6Number } = loadIpNum();
  return collapseIPv6Number(IPv6.fromBigInt(value).toString()).toLowerCase();
}

/** Union-find over segment keys (networks): interfaces that share any subnet are one L2 segment. */
class Segments {
  private parent = new Map<string, string>();
  find(key: string): string {
    if (!this.parent.has(key)) this.parent.set(key, key);
    let root = key;
    while (this.parent.get(root) !== root) root = this.parent.get(root)!;
    this.parent.set(key, root);
    return root;
  }
  union(keys: string[]): string | undefined {
    if (!keys.length) return undefined;
    const root = this.find(keys[0]!);
    for (const key of keys.slice(1)) this.parent.set(this.find(key), root);
    return root;
  }
}

/** How IPVS spreads sequential connections of one client: what the traffic check can assert. */
function spreadOf(service: ResolvedService): LayoutService['spread'] {
  if (service.persistence !== undefined) return 'one';
  if (service.scheduler === 'rr') return 'even';
  if (service.scheduler === 'wrr') return 'weighted';
  return 'any';
}

/** The layout of `model` in the lab; `topology` is the file name shown in results. */
export function deriveLayout(model: ResolvedModel, topology: string, scenarios: readonly Scenario[]): Layout {
  const notes: string[] = [];
  const segments = new Segments();
  const used = new Set<string>();
  const ifaddrs: InterfaceAddress[] = [];
  const hosts = [...model.directors, ...model.realServers];
  for (const host of hosts)
    for (const iface of host.interfaces) {
      segments.union(iface.addresses.map((a) => a.network));
      for (const a of iface.addresses) {
        used.add(`${a.address.family}:${a.address.value}`);
        ifaddrs.push(a);
      }
    }
  const router = planRouter(model);
  if (router) {
    segments.union([router.inside.address.network]);
    segments.union([router.outside.address.network]);
    for (const leg of [router.inside, router.outside]) used.add(`${leg.address.address.family}:${leg.address.address.value}`);
  }
  for (const service of model.services) used.add(`${service.vip.family}:${service.vip.value}`);
  for (const host of hosts) for (const gw of [host.gateway, host.gateway6]) if (gw) used.add(`${gw.family}:${gw.value}`);

  // Bridges named in order of first appearance (directors, real servers, router, by name): deterministic.
  const bridgeOf = new Map<string, string>();
  const bridges: Layout['bridges'] = [];
  const bridge = (network: string): string => {
    const root = segments.find(network);
    let name = bridgeOf.get(root);
    if (!name) {
      name = `seg${bridges.length}`;
      bridgeOf.set(root, name);
      bridges.push({ name, network: root });
    }
    return name;
  };
  const layoutHosts: LayoutHost[] = hosts.map((host) => ({
    name: host.name,
    role: host.role === 'director' ? 'director' : 'real-server',
    links: host.interfaces
      .filter((iface) => iface.addresses.length)
      .map((iface) => ({ interface: iface.name, bridge: bridge(iface.addresses[0]!.network), addresses: [] })),
  }));

  // A free address on a segment for the client: from the top of the subnet down, skipping every address in use.
  const freeAddress = (ifaddr: InterfaceAddress): string => {
    const family = ifaddr.address.family;
    for (let value = ifaddr.last - (family === 4 ? 1n : 0n); value > ifaddr.first; value--) {
      if (!used.has(`${family}:${value}`)) {
        used.add(`${family}:${value}`);
        return `${addressText(family, value)}/${ifaddr.prefix}`;
      }
    }
    throw new Error(`no free address for the lab client on ${ifaddr.network}`);
  };

  let layoutRouter: LayoutRouter | undefined;
  const names = new Set([...hosts.map((h) => h.name), ...(router ? [router.router.name] : [])]);
  let clientName = 'client';
  for (let i = 0; names.has(clientName); i++) clientName = `client${i}`;
  const client: LayoutClient = { name: clientName, links: [], routes: [] };
  if (router) {
    const platform = router.router.platform === 'nftables' ? 'nftables' : 'cisco-ios';
    layoutRouter = {
      name: router.router.name,
      platform,
      // An IOS router's interface names (GigabitEthernet0/1) are no Linux names: its stand-in uses eth0 and eth1.
      links: [router.inside, router.outside].map((leg, index) => ({
        interface: platform === 'nftables' ? leg.interface : `eth${index}`,
        bridge: bridge(leg.address.network),
        addresses: [leg.address.text],
      })),
      dnat: router.mappings.map((m) => ({
        service: m.service,
        protocol: m.protocol,
        family: m.vip.family,
        public: m.publicAddress.text,
        publicPort: m.publicPort,
        vip: m.vip.text,
        port: m.port,
      })),
      routes: router.routes.map((r) => ({ vip: r.vip.text, via: r.via.text })),
    };
    if (platform === 'cisco-ios')
      notes.push(
        `router ${router.router.name} (cisco-ios) is a Linux namespace doing its static NAT: eth0 stands for ${router.inside.interface}, eth1 for ${router.outside.interface}`,
      );
    // The client sits outside, as the Internet does: everything it reaches goes through the router.
    client.links.push({ interface: 'eth0', bridge: bridge(router.outside.address.network), addresses: [freeAddress(router.outside.address)] });
    client.routes.push({ to: 'default', via: router.outside.address.address.text });
  } else {
    // No router: the client joins every segment where a VIP is on-link, as a host of that LAN.
    const seen = new Set<string>();
    for (const service of model.services) {
      const ifaddr = ifaddrs.find((a) => onLink(a, service.vip));
      if (!ifaddr) continue;
      const name = bridge(ifaddr.network);
      if (seen.has(name)) continue;
      seen.add(name);
      client.links.push({ interface: `eth${client.links.length}`, bridge: name, addresses: [freeAddress(ifaddr)] });
    }
    for (const service of model.services) {
      if (ifaddrs.some((a) => onLink(a, service.vip))) continue;
      // A VIP off every subnet: reach it through a director address on a client segment.
      const via = model.directors
        .flatMap((d) => d.interfaces.flatMap((i) => i.addresses))
        .find((a) => client.links.some((l) => l.bridge === bridge(a.network)) && a.address.family === service.vip.family);
      if (via) client.routes.push({ to: service.vip.text, via: via.address.text });
      else notes.push(`service ${service.name}: no segment of the lab client reaches VIP ${service.vip.text}`);
    }
    if (!client.links.length) {
      const first = ifaddrs[0];
      if (first) client.links.push({ interface: 'eth0', bridge: bridge(first.network), addresses: [freeAddress(first)] });
    }
  }

  const services: LayoutService[] = model.services.map((service) => {
    const mapping = router?.mappings.find((m) => m.service === service.name);
    const check = service.healthCheck && service.healthCheck.type !== 'none' && model.manager === 'keepalived' ? service.healthCheck : undefined;
    const entry: LayoutService = {
      name: service.name,
      protocol: service.protocol,
      family: service.vip.family,
      vip: service.vip.text,
      forwarding: service.forwarding,
      scheduler: service.scheduler,
      persistent: service.persistence !== undefined,
      spread: spreadOf(service),
      members: service.members.map((m) => ({
        host: m.host.name,
        address: m.address.text,
        port: m.destinationPort ?? service.port ?? 0,
        weight: m.weight,
      })),
    };
    if (service.port !== undefined) entry.port = service.port;
    else {
      entry.fwmark = service.fwmark;
      if (service.ports?.length) entry.ports = [...new Set(service.ports.flatMap((r) => [r.from, r.to]))].sort((a, b) => a - b);
      else notes.push(`service ${service.name}: fwmark ${service.fwmark} is set by your own firewall, no port to send requests to; not checked`);
      if (check) notes.push(`service ${service.name}: the health check of a fwmark service is not exercised`);
    }
    if (mapping) entry.public = { address: mapping.publicAddress.text, port: mapping.publicPort };
    if (check) {
      entry.healthCheck = { type: check.type, interval: check.interval, timeout: check.timeout, retries: check.retries };
      if (check.script) entry.healthCheck.script = check.script;
    }
    if (service.protocol === 'sctp') notes.push(`service ${service.name}: sctp has no lab client; not checked`);
    return entry;
  });

  const layout: Layout = {
    topology,
    cluster: model.cluster,
    manager: model.manager,
    scenarios: [...scenarios],
    hosts: layoutHosts,
    bridges,
    client,
    services,
    notes,
  };
  if (layoutRouter) layout.router = layoutRouter;
  if (model.vrrp && model.manager === 'keepalived' && model.directors.length >= 2)
    layout.vrrp = {
      directors: model.directors.map((d) => d.name),
      instances: model.vrrp.all.map((i) => ({ name: i.name, leader: i.leader.name, interface: i.interface, services: [...i.services].sort() })),
    };
  return layout;
}
