// Decides, once per host, what the host needs (modules, sysctls, links, addresses, routes), so that
// every target (shell, sysctl.d, networkd, keepalived) renders the same facts.
import type { Address, InterfaceAddress } from '../model/address.js';
import { interfaceOn } from '../model/hosts.js';
import type { ResolvedModel, ResolvedService } from '../model/resolved.js';
import { directorVipCidr, vipCidr } from '../model/service.js';
import { fallbackDevice, tunnelFit, tunnelPath, type FallbackDevice } from '../model/tunnel.js';
import type { Host, Interface } from '../model/types.js';
import { planRouter } from './router-plan.js';
import { compareText } from '../util/compare.js';

/** One kernel setting with the reason printed beside it in sysctl.d and apply.sh. */
export interface SysctlSetting {
  key: string;
  value: string;
  reason: string;
  /** For a per-device key (`net.ipv4.conf.<device>.<leaf>`): the device and its address family. */
  device?: { name: string; family: 'ipv4' | 'ipv6' };
}

/** A device lvscc creates on the host (the tunnel fallback device, or the DR dummy device). */
export interface VirtualLink {
  name: string;
  kind: FallbackDevice['kind'] | 'dummy';
  /** Kernel module that provides the device (and, for fallback tunnels, creates it). */
  module: string;
  /** Why this device exists, for comments. */
  reason: string;
}

/** A VIP held by this host. */
export interface VipAddress {
  device: string;
  /** `10.10.24.88/32`; on a director the written prefix, `10.10.24.88/24` (LVS220) */
  cidr: string;
  address: Address;
  /** Static: configured by apply.sh and networkd. keepalived: moved by VRRP, never static. */
  managedBy: 'static' | 'keepalived';
  /**
   * Added with preferred lifetime 0 (a director's IPv6 VIP): otherwise the kernel picks it as the source of
   * the director's own traffic, tunnelled packets included, and real servers, which hold the same VIP, drop
   * tunnelled packets from an address of their own (seen in the kernel lab).
   */
  deprecated: boolean;
  services: string[];
}

export interface DefaultRoute {
  family: 4 | 6;
  via: string;
  device: string;
  /** TCP MSS advertised on this route (TUN real servers clamp it). */
  advmss?: number;
}

export interface LinkPlan {
  name: string;
  mtu?: number;
  addresses: string[];
}

export interface HostPlan {
  host: Host;
  role: 'director' | 'real-server' | 'router';
  modules: string[];
  sysctls: SysctlSetting[];
  links: LinkPlan[];
  virtualLinks: VirtualLink[];
  vips: VipAddress[];
  routes: DefaultRoute[];
  /** GUE receive ports (`ip fou add port N gue`). */
  fouPorts: { port: number; family: 4 | 6 }[];
  /** Services this host takes part in, sorted by name. */
  services: ResolvedService[];
}

export const DR_DEVICE = 'lvs0';

/** A fallback tunnel device as a virtual link of the plan. */
function tunnelLink(device: FallbackDevice): VirtualLink {
  return { name: device.name, kind: device.kind, module: device.module, reason: device.reason };
}

function vipDevice(host: Host, vip: Address): string {
  const on = interfaceOn(host, vip);
  if (on) return on.iface.name;
  const gateway = vip.family === 4 ? host.gateway : host.gateway6;
  const gatewayIface = gateway ? interfaceOn(host, gateway) : undefined;
  return gatewayIface?.iface.name ?? host.interfaces[0]!.name;
}

function addSysctl(list: SysctlSetting[], key: string, value: string, reason: string, device?: SysctlSetting['device']): void {
  if (!list.some((s) => s.key === key)) list.push(device ? { key, value, reason, device } : { key, value, reason });
}

/**
 * Adds a per-device key such as `net.ipv4.conf.eth0.rp_filter`. A device name with a dot (a VLAN such as
 * eth0.100) needs the slash form, `net/ipv4/conf/eth0.100/rp_filter`, which sysctl(8) and sysctl.d(5) read.
 */
function addDeviceSysctl(list: SysctlSetting[], device: string, leaf: string, value: string, reason: string): void {
  const key = device.includes('.') ? `net/ipv4/conf/${device}/${leaf}` : `net.ipv4.conf.${device}.${leaf}`;
  addSysctl(list, key, value, reason, { name: device, family: 'ipv4' });
}

function defaultRoutes(host: Host): DefaultRoute[] {
  const routes: DefaultRoute[] = [];
  for (const gateway of [host.gateway, host.gateway6]) {
    if (!gateway) continue;
    const on = interfaceOn(host, gateway);
    if (on) routes.push({ family: gateway.family, via: gateway.text, device: on.iface.name });
  }
  return routes;
}

function links(host: Host): LinkPlan[] {
  return host.interfaces.map((iface) => {
    const link: LinkPlan = { name: iface.name, addresses: iface.addresses.map((a) => a.text) };
    if (iface.mtu !== undefined) link.mtu = iface.mtu;
    return link;
  });
}

function planDirector(model: ResolvedModel, host: Host): HostPlan {
  const services = model.services;
  const modules = new Set<string>(['ip_vs']);
  const sysctls: SysctlSetting[] = [];
  const vipsByCidr = new Map<string, VipAddress>();
  const managedBy = model.manager === 'keepalived' ? 'keepalived' : 'static';
  for (const service of services) {
    modules.add(`ip_vs_${service.scheduler}`);
    const cidr = directorVipCidr(service);
    const existing = vipsByCidr.get(cidr);
    if (existing) existing.services.push(service.name);
    else
      vipsByCidr.set(cidr, {
        device: vipDevice(host, service.vip),
        cidr,
        address: service.vip,
        managedBy,
        deprecated: service.vip.family === 6,
        services: [service.name],
      });
  }
  const nat = services.filter((s) => s.forwarding === 'nat');
  if (nat.some((s) => s.vip.family === 4)) {
    addSysctl(sysctls, 'net.ipv4.ip_forward', '1', "NAT: the director routes real servers' replies back to clients");
  }
  if (nat.some((s) => s.vip.family === 6)) {
    addSysctl(sysctls, 'net.ipv6.conf.all.forwarding', '1', "NAT: the director routes real servers' replies back to clients");
  }
  if (nat.some((s) => s.vip.family === 4)) {
    const reason =
      'forwarding is on: never send ICMP redirects, which would tell the real servers to send their replies around the director (straight to the router), bypassing its reverse NAT';
    addSysctl(sysctls, 'net.ipv4.conf.all.send_redirects', '0', reason);
    addSysctl(sysctls, 'net.ipv4.conf.default.send_redirects', '0', reason);
    for (const iface of host.interfaces) addDeviceSysctl(sysctls, iface.name, 'send_redirects', '0', reason);
  }
  if (model.manager === 'keepalived') {
    addSysctl(
      sysctls,
      'net.ipv4.vs.expire_nodest_conn',
      '1',
      'when a real server leaves the table (a reload drops it, or a check with inhibitOnFailure: false fails), drop its connections at once instead of black-holing them until they time out',
    );
  }
  // No net.ipv4.vs.sloppy_tcp, on purpose. With two or more directors the connection sync daemon
  // (keepalived lvs_sync_daemon, on by default) gives the new MASTER the connection entries, so
  // established connections survive a failover without it. sloppy_tcp would let any mid-stream TCP
  // packet create an entry: a connection the sync missed would then be scheduled afresh, to a real
  // server that (with rr, wlc and most schedulers) does not have it and resets it anyway, and every
  // stray or spoofed ACK would create an entry and be forwarded to a real server.
  if (services.some((s) => s.persistence !== undefined) && model.manager === 'keepalived') {
    addSysctl(sysctls, 'net.ipv4.vs.expire_quiescent_template', '1', 'persistence: a drained (weight 0) real server stops receiving returning clients');
  }
  return {
    host,
    role: 'director',
    modules: [...modules].sort(),
    sysctls,
    links: links(host),
    virtualLinks: [],
    vips: [...vipsByCidr.values()].sort((a, b) => compareText(a.cidr, b.cidr)),
    routes: defaultRoutes(host),
    fouPorts: [],
    services,
  };
}

function planRealServer(model: ResolvedModel, host: Host, services: ResolvedService[]): HostPlan {
  const modules = new Set<string>();
  const sysctls: SysctlSetting[] = [];
  const virtualLinks = new Map<string, VirtualLink>();
  const vipsByCidr = new Map<string, VipAddress>();
  const fouPorts = new Map<string, { port: number; family: 4 | 6 }>();
  const advmss = new Map<4 | 6, number>();
  const holdVip = (service: ResolvedService, device: VirtualLink): void => {
    virtualLinks.set(device.name, device);
    const cidr = vipCidr(service.vip);
    const existing = vipsByCidr.get(cidr);
    if (existing) existing.services.push(service.name);
    else vipsByCidr.set(cidr, { device: device.name, cidr, address: service.vip, managedBy: 'static', deprecated: false, services: [service.name] });
  };
  for (const service of services) {
    const family = service.vip.family;
    if (service.forwarding === 'tun') {
      const tunnel = service.tunnel;
      const device = tunnelLink(fallbackDevice(tunnel.type, family));
      modules.add(device.module);
      if (tunnel.type === 'gue') modules.add(family === 4 ? 'fou' : 'fou6');
      holdVip(service, device);
      if (tunnel.type === 'gue' && tunnel.port !== undefined) fouPorts.set(`${family}:${tunnel.port}`, { port: tunnel.port, family });
      if (tunnel.clampMss) {
        const path = tunnelPath(host, model.directors, family);
        const mss = path && tunnelFit(tunnel.type, path, family).clampTo;
        if (mss !== undefined) advmss.set(family, Math.min(mss, advmss.get(family) ?? mss));
      }
    } else if (service.forwarding === 'dr') {
      modules.add('dummy');
      holdVip(service, {
        name: DR_DEVICE,
        kind: 'dummy',
        module: 'dummy',
        reason: `${DR_DEVICE} is a dummy device that holds the VIPs: the real server accepts packets for them but never answers ARP for them`,
      });
    }
  }
  const devices = [...virtualLinks.keys()].sort();
  if (devices.length) {
    const v4 = services.some((s) => s.forwarding !== 'nat' && s.vip.family === 4);
    if (v4) {
      // On `all` only: the kernel takes the higher of all and the interface the ARP request arrives on (a
      // NIC), never the device that holds the VIP, so the same keys on that device would change nothing.
      addSysctl(
        sysctls,
        'net.ipv4.conf.all.arp_ignore',
        '1',
        'answer ARP only for addresses of the interface the request arrives on, never for the VIP (the kernel uses the higher of all and that interface)',
      );
      addSysctl(
        sysctls,
        'net.ipv4.conf.all.arp_announce',
        '2',
        'never use the VIP as the source of ARP requests (the kernel uses the higher of all and the interface that sends)',
      );
    }
    const tunnelDevices = devices.filter((d) => d !== DR_DEVICE && virtualLinks.get(d)!.kind !== 'ip6tnl' && virtualLinks.get(d)!.kind !== 'ip6gre');
    if (tunnelDevices.length) {
      addSysctl(
        sysctls,
        'net.ipv4.conf.all.rp_filter',
        '0',
        'the kernel uses the higher of all and the device value: decapsulated requests from clients arrive on the tunnel, not on the route back to them',
      );
      for (const d of tunnelDevices) addDeviceSysctl(sysctls, d, 'rp_filter', '0', `accept decapsulated requests on ${d}`);
    }
  }
  const routes = defaultRoutes(host);
  for (const r of routes) {
    const mss = advmss.get(r.family);
    if (mss !== undefined) r.advmss = mss;
  }
  return {
    host,
    role: 'real-server',
    modules: [...modules].sort(),
    sysctls,
    links: links(host),
    virtualLinks: devices.map((d) => virtualLinks.get(d)!),
    vips: [...vipsByCidr.values()].sort((a, b) => compareText(a.cidr, b.cidr)),
    routes,
    fouPorts: [...fouPorts.values()].sort((a, b) => a.family - b.family || a.port - b.port),
    services,
  };
}

/** Router platforms that are Linux hosts, planned like the others (IOS is not Linux: it has no plan). */
const LINUX_ROUTER_PLATFORMS: ReadonlySet<string> = new Set(['nftables']);

/**
 * A Linux edge router: its two legs (the outside one also holds each public address that is not its own,
 * as /32, so that it answers ARP for it as IOS does for a static NAT address), forwarding on, and no
 * default route (the topology does not name the upstream gateway).
 */
function planLinuxRouter(model: ResolvedModel): HostPlan {
  const { router, inside, outside, mappings } = planRouter(model)!;
  const published = [...new Set(mappings.filter((m) => !m.onOutsideAddress).map((m) => `${m.publicAddress.text}/32`))].sort(compareText);
  const leg = (name: string, address: InterfaceAddress, pointer: string): Interface => ({
    name,
    pointer,
    addresses: [{ ...address, pointer: `${pointer}/address` }],
  });
  const host: Host = {
    name: router.name,
    role: 'router',
    pointer: router.pointer,
    interfaces: [leg(inside.interface, inside.address, '/router/inside'), leg(outside.interface, outside.address, '/router/outside')],
  };
  return {
    host,
    role: 'router',
    modules: [],
    sysctls: [{ key: 'net.ipv4.ip_forward', value: '1', reason: 'the router forwards public traffic onto the VIPs and the replies back to clients' }],
    links: [
      { name: inside.interface, addresses: [inside.address.text] },
      { name: outside.interface, addresses: [outside.address.text, ...published] },
    ],
    virtualLinks: [],
    vips: [],
    routes: [],
    fouPorts: [],
    services: model.services.filter((s) => s.publicAddress !== undefined),
  };
}

/** Plans every director and real server, sorted: directors first, then real servers, by name; then a Linux router. */
export function planHosts(model: ResolvedModel): HostPlan[] {
  // Index services by member once: fleets have thousands of hosts and services.
  const servicesOf = new Map<Host, ResolvedService[]>(model.realServers.map((h) => [h, []]));
  for (const service of model.services) {
    for (const host of new Set(service.members.map((m) => m.host))) servicesOf.get(host)?.push(service);
  }
  return [
    ...model.directors.map((h) => planDirector(model, h)),
    ...model.realServers.map((h) => planRealServer(model, h, servicesOf.get(h) ?? [])),
    ...(model.router && LINUX_ROUTER_PLATFORMS.has(model.router.platform) ? [planLinuxRouter(model)] : []),
  ];
}
