// Turns schema-valid topology data into the resolved model: addresses parsed by ip-num,
// defaults applied, real-server references resolved. Address errors become LVS107 diagnostics.
import { codeInfo } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { SourceFile } from '../source/source-file.js';
import { joinPointer } from '../source/source-file.js';
import { parseAddress, parseInterfaceAddress, type Address, type InterfaceAddress } from './address.js';
import type { HealthCheckInput, HostInput, TopologyInput } from './input.js';
import { DEFAULT_DRAIN_TIMEOUT, defaultManager } from './service.js';
import { DEFAULT_TUNNEL } from './tunnel.js';
import type { HealthCheck, Host, Interface, KeepalivedLine, Located, Member, Model, Role, Service, VrrpInstance } from './types.js';
import { compareText } from '../util/compare.js';

export interface BuildModelResult {
  model?: Model;
  diagnostics: Diagnostic[];
}

/** A `keepalivedLines` list as model lines, each with its pointer. */
const carried = (lines: readonly string[] | undefined, pointer: string): KeepalivedLine[] =>
  (lines ?? []).map((text, i) => ({ text, pointer: joinPointer(pointer, 'keepalivedLines', i) }));

const byName = <T extends { name: string }>(a: T, b: T): number => compareText(a.name, b.name);

/** Builds the model; `model` is undefined when an address could not be parsed. */
export function buildModel(input: TopologyInput, source: SourceFile): BuildModelResult {
  const diagnostics: Diagnostic[] = [];

  const invalid = (pointer: string, text: string, why: string, help: string): void => {
    diagnostics.push({
      code: 'LVS107',
      severity: codeInfo('LVS107').severity,
      message: `\`${text}\` is not a valid address: ${why.charAt(0).toLowerCase() + why.slice(1)}`,
      span: source.spanAt(pointer),
      related: [],
      help,
    });
  };
  const address = (text: string, pointer: string, family?: 4 | 6): (Address & Located) | undefined => {
    const parsed = parseAddress(text);
    if (typeof parsed === 'string') {
      invalid(pointer, text, parsed, 'write a single address such as `10.10.24.1` or `2001:db8::1`');
      return undefined;
    }
    if (family && parsed.family !== family) {
      invalid(
        pointer,
        text,
        `this field takes an IPv${family} address`,
        family === 4 ? 'put IPv6 gateways under `gateway6`' : 'put IPv4 gateways under `gateway`',
      );
      return undefined;
    }
    return { ...parsed, pointer };
  };
  const ifaddr = (text: string, pointer: string): (InterfaceAddress & Located) | undefined => {
    const parsed = parseInterfaceAddress(text);
    if (typeof parsed === 'string') {
      invalid(pointer, text, parsed, 'write the address with its prefix length, such as `10.10.24.21/24`');
      return undefined;
    }
    return { ...parsed, pointer };
  };

  /** A list of floating addresses with prefix, each located. */
  const floating = (texts: readonly string[] | undefined, pointer: string): (InterfaceAddress & Located)[] =>
    (texts ?? []).flatMap((text, i) => ifaddr(text, joinPointer(pointer, String(i))) ?? []);

  const defaultGateway = input.defaults?.gateway !== undefined ? address(input.defaults.gateway, '/defaults/gateway', 4) : undefined;
  const defaultGateway6 = input.defaults?.gateway6 !== undefined ? address(input.defaults.gateway6, '/defaults/gateway6', 6) : undefined;

  const host = (name: string, data: HostInput & { priority?: number }, role: Role, pointer: string): Host => {
    const interfaces: Interface[] = [];
    for (const [ifname, value] of Object.entries(data.interfaces)) {
      const ifPointer = joinPointer(pointer, 'interfaces', ifname);
      const iface: Interface = { name: ifname, pointer: ifPointer, addresses: [] };
      if (typeof value === 'string') {
        const a = ifaddr(value, ifPointer);
        if (a) iface.addresses.push(a);
      } else {
        const list = Array.isArray(value.address) ? value.address : [value.address];
        list.forEach((text, i) => {
          const p = Array.isArray(value.address) ? joinPointer(ifPointer, 'address', i) : joinPointer(ifPointer, 'address');
          const a = ifaddr(text, p);
          if (a) iface.addresses.push(a);
        });
        if (value.mtu !== undefined) iface.mtu = value.mtu;
      }
      interfaces.push(iface);
    }
    const h: Host = { name, role, pointer, interfaces: interfaces.sort(byName) };
    const gw = data.gateway !== undefined ? address(data.gateway, joinPointer(pointer, 'gateway'), 4) : defaultGateway;
    const gw6 = data.gateway6 !== undefined ? address(data.gateway6, joinPointer(pointer, 'gateway6'), 6) : defaultGateway6;
    if (gw) h.gateway = gw;
    if (gw6) h.gateway6 = gw6;
    if (data.priority !== undefined) h.priority = data.priority;
    return h;
  };

  const directors = Object.entries(input.directors)
    .map(([name, d]) => host(name, d, 'director', joinPointer('/directors', name)))
    .sort(byName);
  const realServers = Object.entries(input.realServers)
    .map(([name, r]) => host(name, r, 'real-server', joinPointer('/realServers', name)))
    .sort(byName);
  const realServerByName = new Map(realServers.map((h) => [h.name, h]));

  const services: Service[] = [];
  for (const [name, s] of Object.entries(input.services)) {
    const pointer = joinPointer('/services', name);
    const vipText = s.vip.includes('/') ? s.vip.slice(0, s.vip.indexOf('/')) : s.vip;
    const vip = address(vipText, joinPointer(pointer, 'vip'));
    if (!vip) continue;
    const service: Service = {
      name,
      pointer,
      vip,
      protocol: s.protocol ?? 'tcp',
      scheduler: s.scheduler ?? 'wlc',
      forwarding: s.forwarding,
      drainTimeout: s.drainTimeout ?? DEFAULT_DRAIN_TIMEOUT,
      keepalivedLines: carried(s.keepalivedLines, pointer),
      schedulerFlags: s.schedulerFlags ?? [],
      onePacket: s.onePacket ?? false,
      members: [],
    };
    if (s.vrrpInstance !== undefined) service.vrrpInstance = { name: s.vrrpInstance, pointer: joinPointer(pointer, 'vrrpInstance') };
    if (s.quorum) {
      const q = s.quorum;
      service.quorum = {
        pointer: joinPointer(pointer, 'quorum'),
        minimumWeight: q.minimumWeight,
        hysteresis: q.hysteresis ?? 0,
        runOnStop: q.runOnStop ?? false,
      };
      if (q.onUp !== undefined) service.quorum.onUp = q.onUp;
      if (q.onDown !== undefined) service.quorum.onDown = q.onDown;
    }
    if (s.vip.includes('/')) service.vipPrefix = Number(s.vip.slice(s.vip.indexOf('/') + 1));
    if (s.port !== undefined) service.port = s.port;
    if (s.fwmark !== undefined) service.fwmark = s.fwmark;
    if (s.ports !== undefined) {
      service.ports = s.ports.map((entry, i) => {
        const [from, to] = typeof entry === 'number' ? [entry, entry] : entry.split('-').map(Number);
        return { from: from!, to: to!, pointer: joinPointer(pointer, 'ports', String(i)) };
      });
    }
    if (s.publicAddress !== undefined) {
      const pub = address(s.publicAddress, joinPointer(pointer, 'publicAddress'), 4);
      if (pub) service.publicAddress = pub;
    }
    if (s.publicAddress !== undefined || s.publicPort !== undefined) {
      const publicPort = s.publicPort ?? s.port;
      if (publicPort !== undefined) service.publicPort = publicPort;
    }
    if (s.forwarding === 'tun' || s.tunnel) {
      service.tunnel = {
        type: s.tunnel?.type ?? DEFAULT_TUNNEL.type,
        checksum: s.tunnel?.checksum ?? DEFAULT_TUNNEL.checksum,
        clampMss: s.tunnel?.clampMss ?? DEFAULT_TUNNEL.clampMss,
      };
      if (s.tunnel?.port !== undefined) service.tunnel.port = s.tunnel.port;
    }
    if (s.persistence !== undefined) service.persistence = s.persistence;
    if (s.persistenceNetmask !== undefined) service.persistenceNetmask = s.persistenceNetmask;
    /** A check of `hc` (the service's, or the member's fields over it) written at `checkPointer`. */
    const healthCheck = (hc: HealthCheckInput, checkPointer: string, written: string[]): HealthCheck => {
      const check: HealthCheck = {
        pointer: checkPointer,
        type: hc.type,
        path: hc.path ?? '/',
        expectStatus: hc.expectStatus ?? 200,
        queryName: hc.queryName ?? '.',
        queryType: hc.queryType ?? 'SOA',
        // UDP_CHECK fails only on an ICMP error; a dead host's comes once ARP gives up (about 3 s), so wait longer.
        timeout: hc.timeout ?? (hc.type === 'udp' ? 5 : 3),
        interval: hc.interval ?? 6,
        retries: hc.retries ?? 1,
        inhibitOnFailure: hc.inhibitOnFailure ?? true,
        startDown: hc.startDown ?? false,
        suspendOnBackup: hc.suspendOnBackup ?? false,
        urls: (hc.urls ?? [{ path: hc.path ?? '/', expectStatus: hc.expectStatus ?? 200, ...(hc.digest !== undefined && { digest: hc.digest }) }]).map((u) => ({
          path: u.path,
          statusCodes: (Array.isArray(u.expectStatus) ? u.expectStatus : [u.expectStatus ?? 200]).map(String),
          ...(u.digest !== undefined && { digest: u.digest }),
        })),
        written,
        keepalivedLines: carried(hc.keepalivedLines, checkPointer),
      };
      if (hc.port !== undefined) check.port = hc.port;
      if (hc.script !== undefined) check.script = hc.script;
      if (hc.delayBeforeRetry !== undefined) check.delayBeforeRetry = hc.delayBeforeRetry;
      if (hc.digest !== undefined) check.digest = hc.digest;
      if (hc.virtualHost !== undefined) check.virtualHost = hc.virtualHost;
      for (const key of ['address', 'sourceAddress'] as const) {
        const text = hc[key];
        if (text === undefined) continue;
        const a = address(text, joinPointer(checkPointer, key));
        if (a) check[key] = a;
      }
      return check;
    };
    if (s.healthCheck) service.healthCheck = healthCheck(s.healthCheck, joinPointer(pointer, 'healthCheck'), Object.keys(s.healthCheck));
    if (s.sorryServer) {
      const sorryPointer = joinPointer(pointer, 'sorryServer');
      const a = address(s.sorryServer.address, joinPointer(sorryPointer, 'address'));
      if (a) {
        service.sorryServer = { address: a, pointer: sorryPointer };
        if (s.sorryServer.port !== undefined) service.sorryServer.port = s.sorryServer.port;
      }
    }
    s.realServers.forEach((m, i) => {
      const memberPointer = joinPointer(pointer, 'realServers', i);
      const entry = typeof m === 'string' ? { server: m } : m;
      const member: Member = {
        name: entry.server,
        pointer: memberPointer,
        weight: entry.weight ?? 1,
        portSet: entry.port !== undefined,
        keepalivedLines: carried('keepalivedLines' in entry ? entry.keepalivedLines : undefined, memberPointer),
      };
      const port = entry.port ?? s.port;
      if (port !== undefined) member.port = port;
      if ('healthCheck' in entry && entry.healthCheck) member.healthCheckWritten = true;
      if ('healthCheck' in entry && entry.healthCheck && service.healthCheck && s.healthCheck) {
        // The member's fields over the service's: its `urls` replace the service's one URL and the other way
        // round, and its carried checker lines replace the service's.
        const own = entry.healthCheck;
        const base: HealthCheckInput = { ...s.healthCheck };
        if (own.urls) for (const key of ['path', 'expectStatus', 'digest'] as const) delete base[key];
        if (own.path !== undefined || own.expectStatus !== undefined || own.digest !== undefined) delete base.urls;
        member.healthCheck = healthCheck({ ...base, ...own }, joinPointer(memberPointer, 'healthCheck'), Object.keys(own));
        if (!own.keepalivedLines) member.healthCheck.keepalivedLines = service.healthCheck.keepalivedLines;
      }
      const target = realServerByName.get(entry.server);
      if (target) member.host = target;
      service.members.push(member);
    });
    services.push(service);
  }

  const model: Model = {
    version: 1,
    cluster: input.cluster,
    manager: input.manager ?? defaultManager(directors.length, services),
    managerSet: input.manager !== undefined,
    directors,
    realServers,
    services: services.sort(byName),
    keepalivedLines: carried(input.keepalivedLines, ''),
  };
  if (input.alertRecipients) model.alertRecipients = { addresses: [...input.alertRecipients], pointer: '/alertRecipients' };
  if (input.vrrp) {
    const v = input.vrrp;
    model.vrrp = {
      pointer: '/vrrp',
      virtualRouterId: v.virtualRouterId,
      interface: v.interface,
      advertInterval: v.advertInterval ?? 1,
      unicast: v.unicast ?? false,
      connectionSync: v.connectionSync ?? true,
      preempt: v.preempt ?? false,
      trackInterfaces: [...(v.trackInterfaces ?? [])],
      garp: {
        delay: v.garp?.delay ?? 5,
        repeat: v.garp?.repeat ?? 5,
        refresh: v.garp?.refresh ?? 60,
        refreshRepeat: v.garp?.refreshRepeat ?? 2,
      },
      keepalivedLines: carried(v.keepalivedLines, '/vrrp'),
      addresses: floating(v.addresses, '/vrrp/addresses'),
      instances: Object.entries(v.instances ?? {})
        .map(([name, i]) => {
          const pointer = joinPointer('/vrrp/instances', name);
          const instance: VrrpInstance = {
            name,
            pointer,
            virtualRouterId: i.virtualRouterId,
            interface: i.interface ?? v.interface,
            priorities: Object.entries(i.priorities ?? {}).map(([host, priority]) => ({
              host,
              priority,
              pointer: joinPointer(joinPointer(pointer, 'priorities'), host),
            })),
            addresses: floating(i.addresses, joinPointer(pointer, 'addresses')),
          };
          if (i.syncGroup !== undefined) instance.syncGroup = { name: i.syncGroup, pointer: joinPointer(pointer, 'syncGroup') };
          return instance;
        })
        .sort(byName),
    };
    if (v.syncGroup !== undefined) model.vrrp.syncGroup = { name: v.syncGroup, pointer: '/vrrp/syncGroup' };
    if (v.preemptDelay !== undefined) model.vrrp.preemptDelay = v.preemptDelay;
    if (v.authPassword !== undefined) model.vrrp.authPassword = v.authPassword;
    if (v.gatewayAddress !== undefined) {
      const g = ifaddr(v.gatewayAddress, '/vrrp/gatewayAddress');
      if (g) model.vrrp.gatewayAddress = g;
    }
  }
  if (input.router) {
    const r = input.router;
    const inside = ifaddr(r.inside.address, '/router/inside/address');
    const outside = ifaddr(r.outside.address, '/router/outside/address');
    if (inside && outside) {
      model.router = {
        name: r.name,
        platform: r.platform,
        pointer: '/router',
        inside: { interface: r.inside.interface, address: inside, pointer: '/router/inside' },
        outside: { interface: r.outside.interface, address: outside, pointer: '/router/outside' },
      };
    }
  }
  return diagnostics.length ? { diagnostics } : { model, diagnostics };
}
