// fast-check generator of valid-looking topologies (every field of the format) with a controlled rate of near-misses.
import fc from 'fast-check';
import { Document, stringify } from 'yaml';
import type { DirectorInput, HealthCheckInput, MemberInput, RealServerInput, ServiceInput, TopologyInput } from '../../src/model/input.js';

/** Router platforms the generator knows; add one here (and a case in `routerFor`) when the format gains it. */
export const routerPlatforms = ['cisco-ios'] as const;
export type RouterPlatform = (typeof routerPlatforms)[number];

export type Family = 4 | 6;
export type FamilyMode = 'v4' | 'v6' | 'dual';

/** The near-misses the generator can plant: each is a small, plausible mistake a user could make. */
export const nearMissKinds = [
  'duplicate-address',
  'gateway-off-link',
  'prefix-mismatch',
  'reserved-interface-name',
  'name-collision',
  'name-collision-case',
  'vrrp-interface-lo',
  'special-vip',
  'cross-family-member',
  'vip-is-host-address',
  'missing-vrrp',
  'duplicate-priority',
  'member-port-differs',
  'duplicate-member',
  'unknown-member',
  'tunnel-on-non-tun',
  'gue-without-port',
  'checksum-on-ipip',
  'remcsum-on-gre',
  'health-check-on-static',
  'netmask-without-persistence',
  'long-vrrp-password',
  'port-and-fwmark',
  'public-without-router',
  'nat-gateway-not-director',
  'dr-off-segment',
  'duplicate-service',
  'vrrp-interface-missing',
  'router-outside-is-public',
] as const;
export type NearMissKind = (typeof nearMissKinds)[number];

/** Interface names lvscc creates itself, or the kernel creates as fallback devices, or otherwise special. */
export const specialInterfaceNames = [
  'lvs0',
  'tunl0',
  'gre0',
  'ip6tnl0',
  'ip6gre0',
  'sit0',
  'lo',
  'lvs-gue-6080',
  'gretap0',
  'erspan0',
  'ip_vti0',
  'ip6_vti0',
] as const;
/** VIPs no service can use: unspecified, loopback, multicast (VRRP's own group), broadcast, link-local. */
export const specialVips = [
  '0.0.0.0',
  '127.0.0.1',
  '224.0.0.18',
  '239.1.1.1',
  '255.255.255.255',
  '169.254.10.88',
  '::',
  '::1',
  'ff02::12',
  'fe80::88',
  '::ffff:10.10.24.88',
] as const;

// Segment A: the directors' LAN (router inside, VIPs). Segment B: a routed network for TUN real servers only.
const SEG = {
  A: { v4: '10.10.24', v6: '2001:db8:24::' },
  B: { v4: '10.10.30', v6: '2001:db8:30::' },
} as const;
type SegmentName = keyof typeof SEG;
const addr = (segment: SegmentName, family: Family, host: number): string =>
  family === 4 ? `${SEG[segment].v4}.${host}` : `${SEG[segment].v6}${host.toString(16)}`;
const familyOf = (address: string): Family => (address.includes(':') ? 6 : 4);
const cidr = (segment: SegmentName, family: Family, host: number, prefix?: number): string =>
  `${addr(segment, family, host)}/${prefix ?? (family === 4 ? 24 : 64)}`;

interface HostRecipe {
  /** Address families this host has (dual-stack documents only; otherwise the document family). */
  families: 'own' | 'v4' | 'v6' | 'both';
  interfaceName: 'eth0' | 'ens3' | 'eth0.100' | 'bond0';
  objectForm: boolean;
  mtu?: number | undefined;
  /** A second interface on segment B (directors) or segment A (real servers on B). */
  second: boolean;
  ownGateway: boolean;
}

interface RealServerRecipe extends HostRecipe {
  segment: SegmentName;
}

interface ServiceRecipe {
  forwarding: 'tun' | 'dr' | 'nat';
  family: Family | 'auto';
  protocol?: 'tcp' | 'udp' | 'sctp' | undefined;
  portOrFwmark: { port: number } | { fwmark: number };
  scheduler?: ServiceInput['scheduler'] | undefined;
  tunnel?:
    | {
        type?: 'ipip' | 'gue' | 'gre' | undefined;
        port?: number | undefined;
        checksum?: 'none' | 'csum' | 'remcsum' | undefined;
        clampMss?: boolean | undefined;
      }
    | undefined;
  persistence?: { timeout: number; netmask?: number | undefined } | undefined;
  healthCheck?: HealthCheckInput | undefined;
  sorry?: { port: boolean } | undefined;
  publish?: { port?: number | undefined } | undefined;
  /** Indexes into the real servers (deduplicated, wrapped). */
  members: { index: number; form: 'name' | 'object'; weight?: number | undefined; port?: number | undefined }[];
  prefixOnVip: boolean;
  /** Where the VIP lives: its own address on segment A, the VIP of the first service (another port), or a routed network (TUN, NAT). */
  vipPlace: 'own' | 'shared' | 'routed';
  name: string;
}

export interface TopologyRecipe {
  familyMode: FamilyMode;
  cluster: string;
  manager?: 'static' | 'keepalived' | undefined;
  directors: (HostRecipe & { priority?: number | undefined })[];
  realServers: RealServerRecipe[];
  services: ServiceRecipe[];
  vrrp: { virtualRouterId: number; advertInterval?: number | undefined; password?: string | undefined; gatewayAddress: boolean } | undefined;
  router?: { platform: RouterPlatform; outsideInterface: string; insideInterface: string } | undefined;
  defaults: { gateway: boolean; gateway6: boolean };
  nearMisses: { kind: NearMissKind; pick: number }[];
  /** How hosts are named (the format allows letters, digits, `_ . -`). */
  naming: 'short' | 'dotted' | 'mixed-case';
  /** How the YAML text is laid out. */
  style: 'block' | 'flow-hosts';
}

export interface GeneratedTopology {
  recipe: TopologyRecipe;
  document: TopologyInput;
  yaml: string;
}

const opt = <T>(arb: fc.Arbitrary<T>, freq = 2): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq });

const healthCheck: fc.Arbitrary<HealthCheckInput> = fc.record(
  {
    type: fc.constantFrom<HealthCheckInput['type']>('tcp', 'http', 'https', 'none'),
    port: fc.constantFrom(80, 8080, 443),
    path: fc.constantFrom('/', '/healthz', '/status?full=1'),
    expectStatus: fc.constantFrom(200, 204, 301),
    timeout: fc.integer({ min: 1, max: 10 }),
    interval: fc.integer({ min: 1, max: 30 }),
    retries: fc.integer({ min: 0, max: 5 }),
  },
  { requiredKeys: ['type'] },
);

const serviceRecipe: fc.Arbitrary<ServiceRecipe> = fc.record({
  forwarding: fc.constantFrom<ServiceRecipe['forwarding']>('tun', 'dr', 'nat'),
  family: fc.constantFrom<ServiceRecipe['family']>('auto', 'auto', 4, 6),
  protocol: opt(fc.constantFrom<'tcp' | 'udp' | 'sctp'>('tcp', 'udp', 'sctp')),
  portOrFwmark: fc.oneof(
    { weight: 5, arbitrary: fc.record({ port: fc.constantFrom(80, 443, 53, 8080, 1) }) },
    { weight: 1, arbitrary: fc.record({ fwmark: fc.constantFrom(1, 7, 2147483640) }) },
  ),
  scheduler: opt(fc.constantFrom('rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'dh', 'sh', 'sed', 'nq', 'fo', 'ovf', 'mh')),
  tunnel: opt(
    fc.oneof(
      fc.record({ type: fc.constant<'ipip'>('ipip'), clampMss: opt(fc.boolean()) }),
      fc.record({
        type: fc.constant<'gue'>('gue'),
        port: fc.constantFrom(6080, 5555, 65535),
        checksum: opt(fc.constantFrom<'none' | 'csum' | 'remcsum'>('none', 'csum', 'remcsum')),
        clampMss: opt(fc.boolean()),
      }),
      fc.record({ type: fc.constant<'gre'>('gre'), checksum: opt(fc.constantFrom<'none' | 'csum'>('none', 'csum')), clampMss: opt(fc.boolean()) }),
      fc.record({ clampMss: fc.boolean() }),
    ),
    1,
  ),
  persistence: opt(fc.record({ timeout: fc.constantFrom(1, 300, 2678400), netmask: opt(fc.constantFrom(24, 32, 64, 128, 1)) })),
  healthCheck: opt(healthCheck),
  sorry: opt(fc.record({ port: fc.boolean() })),
  publish: opt(fc.record({ port: opt(fc.constantFrom(80, 8443)) })),
  members: fc.array(
    fc.record({
      index: fc.nat(7),
      form: fc.constantFrom<'name' | 'object'>('name', 'object'),
      weight: opt(fc.constantFrom(0, 1, 3, 65535)),
      port: opt(fc.constantFrom(80, 8080), 4),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  prefixOnVip: fc.boolean(),
  vipPlace: fc.constantFrom<ServiceRecipe['vipPlace']>('own', 'own', 'shared', 'routed'),
  name: fc.constantFrom('http', 'https', 'dns', 'svc', 'HTTP', 'web.v2', 'a-b_c'),
});

/** Any number of directors and real servers, services, and 0 to 2 near-misses (none in about half the cases). */
export function topologyRecipe(options: { nearMissFreq?: number } = {}): fc.Arbitrary<TopologyRecipe> {
  const nearMiss = fc.record({ kind: fc.constantFrom(...nearMissKinds), pick: fc.nat(15) });
  return fc.record({
    familyMode: fc.constantFrom<FamilyMode>('v4', 'v4', 'v6', 'dual', 'dual'),
    cluster: fc.constantFrom('web', 'c', 'web-tun.prod', 'A_1'),
    manager: opt(fc.constantFrom<'static' | 'keepalived'>('static', 'keepalived'), 1),
    directors: fc.array(fc.record({ ...hostRecipeFields(), priority: opt(fc.integer({ min: 1, max: 254 }), 4) }), { minLength: 1, maxLength: 3 }),
    realServers: fc.array(fc.record({ ...hostRecipeFields(), segment: fc.constantFrom<SegmentName>('A', 'A', 'B') }), { minLength: 1, maxLength: 4 }),
    services: fc.array(serviceRecipe, { minLength: 1, maxLength: 3 }),
    vrrp: opt(
      fc.record({
        virtualRouterId: fc.integer({ min: 1, max: 255 }),
        advertInterval: opt(fc.integer({ min: 1, max: 255 })),
        password: opt(fc.constantFrom('s3cret', 'abcdefgh', 'x', 'p:a%s^s*')),
        gatewayAddress: fc.boolean(),
      }),
      1,
    ),
    router: opt(
      fc.record({
        platform: fc.constantFrom(...routerPlatforms),
        outsideInterface: fc.constantFrom('GigabitEthernet0/0', 'Gi0/0.10', 'Dialer1'),
        insideInterface: fc.constantFrom('GigabitEthernet0/1', 'Vlan24'),
      }),
      1,
    ),
    defaults: fc.record({ gateway: fc.boolean(), gateway6: fc.boolean() }),
    nearMisses: fc.oneof(
      { weight: options.nearMissFreq ?? 1, arbitrary: fc.array(nearMiss, { minLength: 1, maxLength: 2 }) },
      { weight: 1, arbitrary: fc.constant<{ kind: NearMissKind; pick: number }[]>([]) },
    ),
    naming: fc.constantFrom<TopologyRecipe['naming']>('short', 'short', 'dotted', 'mixed-case'),
    style: fc.constantFrom<TopologyRecipe['style']>('block', 'flow-hosts'),
  });
}

function hostRecipeFields() {
  return {
    families: fc.constantFrom<HostRecipe['families']>('own', 'both', 'both', 'v4', 'v6'),
    interfaceName: fc.constantFrom<HostRecipe['interfaceName']>('eth0', 'eth0', 'ens3', 'eth0.100', 'bond0'),
    objectForm: fc.boolean(),
    // Mostly ordinary MTUs; 576 and 68 are legal for IPv4 but refused with IPv6 (LVS233) or tiny tunnels (LVS211).
    mtu: opt(fc.oneof({ weight: 15, arbitrary: fc.constantFrom(1500, 9000, 1480, 1400, 1280) }, { weight: 1, arbitrary: fc.constantFrom(576, 68) }), 3),
    second: fc.boolean(),
    ownGateway: fc.boolean(),
  };
}

const familiesOf = (mode: FamilyMode, host: HostRecipe): Family[] => {
  if (mode === 'v4') return [4];
  if (mode === 'v6') return [6];
  if (host.families === 'v4') return [4];
  if (host.families === 'v6') return [6];
  return [4, 6];
};

interface BuiltHost {
  name: string;
  recipe: HostRecipe;
  families: Family[];
  segment: SegmentName;
  number: number;
  interfaceName: string;
  input: DirectorInput | RealServerInput;
}

function directorName(naming: TopologyRecipe['naming'], i: number, pair: boolean): string {
  if (naming === 'dotted') return `lb-${i + 1}.dc1`;
  if (naming === 'mixed-case') return `Director_${i + 1}`;
  return pair || i > 0 ? `lb${i + 1}` : 'lvs';
}

function realServerName(naming: TopologyRecipe['naming'], j: number): string {
  if (naming === 'dotted') return `web-${j + 1}.dc1`;
  if (naming === 'mixed-case') return `Web${j + 1}`;
  return `rs${j + 1}`;
}

/** Turns a recipe into a topology document: coherent by construction, then the near-misses applied. */
export function buildTopology(recipe: TopologyRecipe): TopologyInput {
  const mode = recipe.familyMode;
  const manager = recipe.manager;
  const pair = recipe.directors.length >= 2;
  const keepalived = manager === 'keepalived' || (manager === undefined && pair);
  const vrrpWanted = pair || (keepalived && recipe.vrrp !== undefined);
  const vrrpRecipe = recipe.vrrp ?? (pair ? { virtualRouterId: 51, gatewayAddress: true } : undefined);
  const floating = vrrpWanted && vrrpRecipe?.gatewayAddress ? 254 : undefined;

  const interfaceValue = (host: HostRecipe, segment: SegmentName, families: Family[], number: number): DirectorInput['interfaces'][string] => {
    const addresses = families.map((f) => cidr(segment, f, number));
    if (!host.objectForm && addresses.length === 1 && host.mtu === undefined) return addresses[0]!;
    const value: { address: string | string[]; mtu?: number } = { address: addresses.length === 1 && !host.objectForm ? addresses[0]! : addresses };
    if (host.mtu !== undefined) value.mtu = host.mtu;
    return value;
  };

  // Directors share the VRRP interface name when VRRP is used.
  const directorInterface = vrrpWanted ? recipe.directors[0]!.interfaceName : undefined;
  const directors: BuiltHost[] = recipe.directors.map((d, i) => {
    const families = familiesOf(mode, d);
    const number = 2 + i;
    const interfaceName = directorInterface ?? d.interfaceName;
    const input: DirectorInput = { interfaces: { [interfaceName]: interfaceValue(d, 'A', families, number) } };
    if (d.second) input.interfaces.eth1 = interfaceValue({ ...d, mtu: undefined }, 'B', families, number);
    if (vrrpWanted) input.priority = d.priority !== undefined && i > 0 ? d.priority : 200 - i * 10;
    else if (d.priority !== undefined) input.priority = d.priority;
    return { name: directorName(recipe.naming, i, pair), recipe: d, families, segment: 'A', number, interfaceName, input };
  });
  // Directors in dual-stack documents with IPv6 services need IPv6: keep their families whole.
  const realServers: BuiltHost[] = recipe.realServers.map((r, j) => {
    const families = familiesOf(mode, r);
    const number = 21 + j;
    const input: RealServerInput = { interfaces: { [r.interfaceName]: interfaceValue(r, r.segment, families, number) } };
    if (r.second && r.segment === 'B') input.interfaces.eth1 = interfaceValue({ ...r, mtu: undefined }, 'A', families, number);
    return { name: realServerName(recipe.naming, j), recipe: r, families, segment: r.segment, number, interfaceName: r.interfaceName, input };
  });

  const services: Record<string, ServiceInput> = {};
  const natMembers = new Map<string, Set<Family>>();
  const commonDirectorFamilies = ([4, 6] as Family[]).filter((f) => directors.every((d) => d.families.includes(f)));
  recipe.services.forEach((s, k) => {
    const forwarding = s.forwarding;
    let family: Family = s.family === 'auto' ? (mode === 'v6' ? 6 : 4) : s.family;
    if (mode === 'v4') family = 4;
    if (mode === 'v6') family = 6;
    if (!commonDirectorFamilies.includes(family)) family = commonDirectorFamilies[0] ?? family;
    const firstVip = Object.values(services)[0]?.vip.replace(/\/\d+$/, '');
    const vip =
      s.vipPlace === 'shared' && firstVip !== undefined && familyOf(firstVip) === family
        ? firstVip
        : s.vipPlace === 'routed' && forwarding !== 'dr'
          ? family === 4
            ? `198.51.100.${10 + k}`
            : `2001:db8:100::${10 + k}`
          : addr('A', family, 0x88 + k);
    const service: ServiceInput = { vip: s.prefixOnVip ? `${vip}/${family === 4 ? 32 : 128}` : vip, forwarding, realServers: [] };
    if ('port' in s.portOrFwmark) service.port = s.portOrFwmark.port;
    else service.fwmark = s.portOrFwmark.fwmark + k;
    if (service.port !== undefined && s.vipPlace === 'shared') service.port += k;
    if (s.protocol) service.protocol = s.protocol;
    if (s.scheduler) service.scheduler = s.scheduler;
    if (forwarding === 'tun' && s.tunnel) {
      const t = s.tunnel;
      const tunnel: NonNullable<ServiceInput['tunnel']> = {};
      if (t.type) tunnel.type = t.type;
      if (t.port !== undefined) tunnel.port = t.port;
      if (t.checksum !== undefined) tunnel.checksum = t.checksum;
      if (t.clampMss !== undefined) tunnel.clampMss = t.clampMss;
      service.tunnel = tunnel;
    }
    if (s.persistence || service.fwmark !== undefined) {
      service.persistence = s.persistence?.timeout ?? 300;
      const netmask = s.persistence?.netmask;
      if (netmask !== undefined && (family === 6 || netmask <= 32)) service.persistenceNetmask = netmask;
    }
    if (keepalived && s.healthCheck) {
      const hc: HealthCheckInput = { type: s.healthCheck.type };
      // Fields that only some types read are written only for those (LVS219 warns otherwise; warnings are fine).
      if (s.healthCheck.port !== undefined && hc.type !== 'none') hc.port = s.healthCheck.port;
      if (hc.type === 'http' || hc.type === 'https') {
        if (s.healthCheck.path !== undefined) hc.path = s.healthCheck.path;
        if (s.healthCheck.expectStatus !== undefined) hc.expectStatus = s.healthCheck.expectStatus;
      }
      if (hc.type !== 'none') {
        for (const key of ['timeout', 'interval', 'retries'] as const) if (s.healthCheck[key] !== undefined) hc[key] = s.healthCheck[key];
      }
      service.healthCheck = hc;
    }
    if (keepalived && s.sorry) {
      service.sorryServer = { address: addr('A', family, 0x50 + k) };
      if (s.sorry.port && service.port !== undefined) service.sorryServer.port = service.port;
    }
    if (recipe.router && s.publish && family === 4 && service.fwmark === undefined && service.protocol !== 'sctp') {
      service.publicAddress = `112.2.21.${88 + k}`;
      if (s.publish.port !== undefined) service.publicPort = s.publish.port;
    }
    // Members: real servers that can serve this method and family.
    const eligible = realServers.filter((r) => {
      if ((forwarding === 'dr' || forwarding === 'nat') && r.segment !== 'A') return false;
      if (forwarding !== 'tun' && !r.families.includes(family)) return false;
      if (forwarding === 'tun' && !r.families.includes(family)) return r.families.some((f) => directors.every((d) => d.families.includes(f)));
      return true;
    });
    const pool = eligible.length ? eligible : realServers;
    const seen = new Set<string>();
    for (const m of s.members) {
      const host = pool[m.index % pool.length]!;
      if (seen.has(host.name)) continue;
      seen.add(host.name);
      let member: MemberInput = host.name;
      if (m.form === 'object') {
        const entry: Exclude<MemberInput, string> = { server: host.name };
        if (m.weight !== undefined) entry.weight = m.weight;
        if (m.port !== undefined && forwarding === 'nat' && service.port !== undefined) entry.port = m.port;
        else if (m.port !== undefined && service.port !== undefined) entry.port = service.port;
        member = entry;
      }
      service.realServers.push(member);
      if (forwarding === 'nat') {
        const set = natMembers.get(host.name) ?? new Set<Family>();
        set.add(family);
        natMembers.set(host.name, set);
      }
    }
    services[services[s.name] ? `${s.name}${k}` : s.name] = service;
  });

  // Gateways: the router (or a plain gateway at .1) for everyone; NAT real servers via a director or the floating address.
  const gw = (segment: SegmentName, family: Family): string => addr(segment, family, 1);
  const usesDefaults4 = recipe.defaults.gateway;
  const usesDefaults6 = recipe.defaults.gateway6;
  for (const h of [...directors, ...realServers]) {
    const recipeHost = h.recipe;
    const nat = natMembers.get(h.name);
    for (const family of h.families) {
      const key = family === 4 ? 'gateway' : 'gateway6';
      let target: string;
      if (nat?.has(family)) target = floating !== undefined ? addr('A', family, floating) : addr('A', family, directors[0]!.number);
      else target = gw(h.segment, family);
      const viaDefaults = family === 4 ? usesDefaults4 : usesDefaults6;
      const defaultValue = gw('A', family);
      if (viaDefaults && target === defaultValue && !recipeHost.ownGateway) continue;
      h.input[key] = target;
    }
  }

  const document: TopologyInput = { version: 1, cluster: recipe.cluster, directors: {}, realServers: {}, services };
  if (usesDefaults4 || usesDefaults6) {
    document.defaults = {};
    if (usesDefaults4) document.defaults.gateway = gw('A', 4);
    if (usesDefaults6) document.defaults.gateway6 = gw('A', 6);
  }
  if (manager) document.manager = manager;
  if (vrrpWanted && vrrpRecipe) {
    const vrrp: NonNullable<TopologyInput['vrrp']> = {
      virtualRouterId: vrrpRecipe.virtualRouterId,
      interface: directorInterface ?? directors[0]!.interfaceName,
    };
    if (vrrpRecipe.advertInterval !== undefined) vrrp.advertInterval = vrrpRecipe.advertInterval;
    if (vrrpRecipe.password !== undefined) vrrp.authPassword = vrrpRecipe.password;
    if (floating !== undefined) vrrp.gatewayAddress = cidr('A', commonDirectorFamilies.includes(4) ? 4 : 6, floating);
    document.vrrp = vrrp;
  }
  if (recipe.router) document.router = routerFor(recipe.router);
  for (const d of directors) document.directors[d.name] = d.input;
  for (const r of realServers) document.realServers[r.name] = r.input;

  for (const miss of recipe.nearMisses) applyNearMiss(document, miss.kind, miss.pick);
  return document;
}

/** The router section for a platform: one case per entry of `routerPlatforms`. */
function routerFor(router: NonNullable<TopologyRecipe['router']>): NonNullable<TopologyInput['router']> {
  switch (router.platform) {
    case 'cisco-ios':
      return {
        name: 'edge',
        platform: 'cisco-ios',
        inside: { interface: router.insideInterface, address: '10.10.24.1/24' },
        outside: { interface: router.outsideInterface, address: '112.2.21.1/24' },
      };
  }
}

const entries = <T>(record: Record<string, T>): [string, T][] => Object.entries(record);
const pickOf = <T>(list: T[], pick: number): T | undefined => (list.length ? list[pick % list.length] : undefined);

/** The first address written on a host's first interface (string or object form). */
function firstAddress(host: DirectorInput): string {
  const value = Object.values(host.interfaces)[0]!;
  if (typeof value === 'string') return value;
  return Array.isArray(value.address) ? value.address[0]! : value.address;
}

/** The same prefix with another host number (the last group or octet replaced). */
function withHostNumber(text: string, n: number): string {
  return text.includes(':') ? text.replace(/[0-9a-f]*\/(\d+)$/, `${n.toString(16)}/$1`) : text.replace(/\d+\/(\d+)$/, `${n}/$1`);
}

function setFirstAddress(host: DirectorInput, text: string): void {
  const [name, value] = Object.entries(host.interfaces)[0]!;
  if (typeof value === 'string') host.interfaces[name] = text;
  else if (Array.isArray(value.address)) value.address[0] = text;
  else value.address = text;
}

function renameKey<T>(record: Record<string, T>, from: string, to: string): void {
  const copy = Object.entries(record);
  for (const key of Object.keys(record)) delete record[key];
  for (const [k, v] of copy) record[k === from ? to : k] = v;
}

/** Applies one near-miss in place; `pick` chooses among hosts, services and values. */
export function applyNearMiss(doc: TopologyInput, kind: NearMissKind, pick: number): void {
  const directors = entries(doc.directors);
  const realServers = entries(doc.realServers);
  const services = entries(doc.services);
  const hosts = [...directors, ...realServers];
  const [, service] = pickOf(services, pick)!;
  switch (kind) {
    case 'duplicate-address': {
      if (hosts.length < 2) return;
      const a = hosts[pick % hosts.length]!;
      const b = hosts[(pick + 1) % hosts.length]!;
      setFirstAddress(b[1], firstAddress(a[1]));
      return;
    }
    case 'gateway-off-link': {
      const [, host] = pickOf(hosts, pick)!;
      if (firstAddress(host).includes(':')) host.gateway6 = '2001:db8:99::1';
      else host.gateway = '192.168.1.1';
      return;
    }
    case 'prefix-mismatch': {
      const [, host] = pickOf(hosts, pick)!;
      const text = firstAddress(host);
      setFirstAddress(
        host,
        text.replace(/\/(\d+)$/, (_, p: string) => `/${Number(p) + 1}`),
      );
      return;
    }
    case 'reserved-interface-name': {
      const [, host] = pickOf(hosts, pick)!;
      const name = specialInterfaceNames[pick % specialInterfaceNames.length]!;
      const first = Object.keys(host.interfaces)[0]!;
      if (pick % 2 === 0) renameKey(host.interfaces, first, name);
      else host.interfaces[name] = firstAddress(host).includes(':') ? `2001:db8:77::${pick + 1}/64` : `10.77.0.${pick + 1}/24`;
      if (doc.vrrp && doc.vrrp.interface === first && pick % 2 === 0 && host === pickOf(directors, pick)?.[1]) doc.vrrp.interface = name;
      return;
    }
    case 'name-collision': {
      // A real server named like a director, or the router named like a host.
      if (doc.router && pick % 2 === 0) doc.router.name = pickOf(hosts, pick)![0];
      else {
        const [rsName] = pickOf(realServers, pick)!;
        const [dName] = pickOf(directors, pick)!;
        renameKey(doc.realServers, rsName, dName);
        for (const s of Object.values(doc.services))
          s.realServers = s.realServers.map((m) => (m === rsName ? dName : typeof m === 'object' && m.server === rsName ? { ...m, server: dName } : m));
      }
      return;
    }
    case 'name-collision-case': {
      const [rsName] = pickOf(realServers, pick)!;
      const upper = pick % 2 === 0 ? pickOf(directors, pick)![0].toUpperCase() : rsName.toUpperCase();
      if (upper === rsName) return;
      if (pick % 2 === 0) {
        renameKey(doc.realServers, rsName, upper);
        for (const s of Object.values(doc.services))
          s.realServers = s.realServers.map((m) => (m === rsName ? upper : typeof m === 'object' && m.server === rsName ? { ...m, server: upper } : m));
      } else {
        doc.realServers[upper] = structuredClone(doc.realServers[rsName]!);
        setFirstAddress(doc.realServers[upper]!, withHostNumber(firstAddress(doc.realServers[rsName]!), 0x99));
        service.realServers.push(upper);
      }
      return;
    }
    case 'vrrp-interface-lo': {
      if (!doc.vrrp) doc.vrrp = { virtualRouterId: 7, interface: 'lo' };
      doc.vrrp.interface = 'lo';
      for (const [, d] of directors) d.interfaces.lo = firstAddress(d).includes(':') ? '::1/128' : '127.0.0.1/8';
      if (directors.length >= 2) directors.forEach(([, d], i) => (d.priority = 150 - i));
      if (!doc.manager) doc.manager = 'keepalived';
      return;
    }
    case 'special-vip':
      service.vip = specialVips[pick % specialVips.length]!;
      if (service.publicAddress !== undefined && service.vip.includes(':')) delete service.publicAddress;
      return;
    case 'cross-family-member': {
      // The known TUN hole: a real server with only the other family than the VIP (the directors have it).
      const [, rs] = pickOf(realServers, pick)!;
      const text = firstAddress(rs);
      const other = text.includes(':') ? '10.10.24.199/24' : '2001:db8:24::199/64';
      const first = Object.keys(rs.interfaces)[0]!;
      rs.interfaces[first] = other;
      for (const [, d] of directors) {
        const value = d.interfaces[Object.keys(d.interfaces)[0]!]!;
        const list = typeof value === 'string' ? [value] : Array.isArray(value.address) ? value.address : [value.address];
        const fam = other.includes(':') ? '2001:db8:24::' : '10.10.24.';
        if (!list.some((a) => a.startsWith(fam))) {
          const add = other.includes(':')
            ? `2001:db8:24::${directors.indexOf(directors.find(([, x]) => x === d)!) + 2}/64`
            : `10.10.24.${directors.findIndex(([, x]) => x === d) + 2}/24`;
          d.interfaces[Object.keys(d.interfaces)[0]!] = typeof value === 'string' ? { address: [value, add] } : { ...value, address: [...list, add] };
        }
      }
      delete rs.gateway;
      delete rs.gateway6;
      return;
    }
    case 'vip-is-host-address':
      service.vip = firstAddress(pickOf(hosts, pick)![1]).replace(/\/\d+$/, '');
      return;
    case 'missing-vrrp':
      delete doc.vrrp;
      return;
    case 'duplicate-priority':
      for (const [, d] of directors) d.priority = 100;
      return;
    case 'member-port-differs':
      service.realServers = service.realServers.map((m) => ({ server: typeof m === 'string' ? m : m.server, port: 8081 }));
      return;
    case 'duplicate-member':
      service.realServers.push(service.realServers[0]!);
      return;
    case 'unknown-member':
      service.realServers.push('rs-missing');
      return;
    case 'tunnel-on-non-tun':
      service.tunnel = { type: 'ipip' };
      return;
    case 'gue-without-port':
      service.forwarding = 'tun';
      service.tunnel = { type: 'gue' };
      return;
    case 'checksum-on-ipip':
      service.forwarding = 'tun';
      service.tunnel = { type: 'ipip', checksum: 'csum' };
      return;
    case 'remcsum-on-gre':
      service.forwarding = 'tun';
      service.tunnel = { type: 'gre', checksum: 'remcsum' };
      return;
    case 'health-check-on-static':
      doc.manager = 'static';
      service.healthCheck = { type: 'tcp' };
      return;
    case 'netmask-without-persistence':
      delete service.persistence;
      service.persistenceNetmask = 24;
      return;
    case 'long-vrrp-password':
      if (doc.vrrp) doc.vrrp.authPassword = 'much-too-long';
      return;
    case 'port-and-fwmark':
      service.port = 80;
      service.fwmark = 99;
      return;
    case 'public-without-router':
      delete doc.router;
      service.publicAddress = '112.2.21.200';
      return;
    case 'nat-gateway-not-director':
      service.forwarding = 'nat';
      delete service.tunnel;
      return;
    case 'dr-off-segment':
      service.forwarding = 'dr';
      delete service.tunnel;
      service.vip = service.vip.includes(':') ? '2001:db8:55::88' : '10.55.0.88';
      return;
    case 'duplicate-service': {
      const copy = structuredClone(service);
      doc.services[`copy${pick}`] = copy;
      return;
    }
    case 'vrrp-interface-missing':
      if (doc.vrrp) doc.vrrp.interface = 'eth9';
      return;
    case 'router-outside-is-public':
      if (doc.router && service.publicAddress) doc.router.outside.address = `${service.publicAddress}/24`;
      return;
  }
}

/** YAML text of a document, as a user would write it (block style, or hosts in flow style). */
export function toYaml(document: TopologyInput, style: TopologyRecipe['style']): string {
  if (style === 'block') return stringify(document);
  // Flow style for each host line, as in the README example.
  const doc = new Document(document);
  for (const section of ['directors', 'realServers']) {
    const map = doc.get(section) as { items: { value: { flow: boolean } }[] } | undefined;
    for (const item of map?.items ?? []) item.value.flow = true;
  }
  return doc.toString();
}

/** The arbitrary the property test uses: a recipe, its document and its YAML text. */
export function generatedTopology(options: { nearMissFreq?: number; exclude?: (document: TopologyInput) => boolean } = {}): fc.Arbitrary<GeneratedTopology> {
  return topologyRecipe(options)
    .map((recipe) => {
      const document = buildTopology(recipe);
      return { recipe, document, yaml: toYaml(document, recipe.style) };
    })
    .filter((g) => !(options.exclude?.(g.document) ?? false));
}
