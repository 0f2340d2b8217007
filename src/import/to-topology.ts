// Maps imported directors onto one topology: services, real servers, health checks and the VRRP instance they
// share (matched by virtual_router_id), every guess remembered for a YAML comment, and a report of each line:
// native (a field), carried (a keepalivedLines entry) or dropped (with the reason).
import type { Span } from '../diagnostics/types.js';
import { keepalivedKeywords, nativeField, opensBlock, type KeepalivedLevel } from '../model/keepalived-keywords.js';
import type { HealthCheckInput, MemberInput, ServiceInput, TopologyInput } from '../model/input.js';
import { topologySchema } from '../schema/topology.js';
import type { Check, CheckType, Director, Line, RealServer, VipAddress, VirtualServer, VrrpInstance } from './model.js';
import { addressText, addressValue, familyOf, networkOf } from './net.js';
import { importProblem, type ImportProblem } from './problems.js';

/** One line of the import report. */
export interface ReportEntry {
  status: 'native' | 'carried' | 'dropped';
  /** What it is: a keyword line, a virtual server, a setting. */
  what: string;
  /** file:line:col of the original. */
  at?: string;
  reason?: string;
}

/** A guess the topology makes: the path of the node, and the comment written there. */
export interface Guess {
  path: (string | number)[];
  comment: string;
}

export interface Mapped {
  topology: TopologyInput;
  guesses: Guess[];
  report: ReportEntry[];
  problems: ImportProblem[];
  /** Director name of each imported file, in input order. */
  directorOf: Map<string, string>;
}

const NAME = /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
const LINE = new RegExp((topologySchema.definitions as Record<string, { items: { pattern: string } }>).keepalivedLines!.items.pattern);
const where = (span: Span | undefined): string | undefined => (span ? `${span.file}:${span.line}:${span.column}` : undefined);
const schedulers = new Set(['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'dh', 'sh', 'sed', 'nq', 'fo', 'ovf', 'mh']);
const RECIPIENT = new RegExp((topologySchema.properties as unknown as Record<string, { items: { pattern: string } }>).alertRecipients!.items.pattern);
const SCRIPT = new RegExp((topologySchema.definitions as Record<string, { pattern: string }>).scriptPath!.pattern);
const VIRTUAL_HOST = new RegExp(
  (topologySchema.definitions as Record<string, { properties: Record<string, { pattern: string }> }>).healthCheck!.properties.virtualHost!.pattern,
);
const ifName = /^(?!\.\.?$)[A-Za-z0-9_.][A-Za-z0-9_.-]{0,14}$/;

/** Why a keyword that no field or carried line takes is dropped. */
const dropReasons: Record<string, string> = {
  virtual_routes: 'a block: routes that follow VRRP are not in the topology format',
  virtual_rules: 'a block: rules that follow VRRP are not in the topology format',
  track_script: 'a block: VRRP tracking scripts are not in the topology format',
  vrrp_script: 'a block: VRRP tracking scripts are not in the topology format',
  static_ipaddress: 'static addresses are written from the topology, not carried',
  static_routes: 'static routes are not in the topology format',
  url: 'a second url block: the topology checks one path per service',
};

/** Turns a keyword line into a carried line's text, or undefined when it is no carried line's grammar. */
function carriedText(words: string[]): string | undefined {
  const text = words.map((w) => (/\s/.test(w) ? `"${w}"` : w)).join(' ');
  return LINE.test(text) ? text : undefined;
}

const safeName = (text: string): string => {
  const cleaned = text
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/\.\.+/g, '.')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 63);
  return cleaned || 'x';
};

export function toTopology(directors: Director[], clusterHint: string): Mapped {
  const report: ReportEntry[] = [];
  const guesses: Guess[] = [];
  const problems: ImportProblem[] = [];
  const native = (what: string, span?: Span): void => void report.push({ status: 'native', what, ...(span && { at: where(span) }) });
  const dropped = (what: string, span: Span | undefined, reason: string): void =>
    void report.push({ status: 'dropped', what, ...(span && { at: where(span) }), reason });

  /** Carries the lines of a level when keepalived reads them there and no field says them; the rest is dropped. */
  const carry = (lines: Line[], level: KeepalivedLevel, checker?: CheckType): string[] => {
    const out: string[] = [];
    for (const l of lines) {
      const keyword = l.words[0]!;
      const field = nativeField(level, keyword);
      const text = carriedText(l.words);
      const what = l.words.join(' ');
      if (field) dropped(what, l.span, `the format states it as ${field}, which the import could not fill from this line`);
      else if (dropReasons[keyword] && (opensBlock(keyword) || !keepalivedKeywords(level, checker).has(keyword))) dropped(what, l.span, dropReasons[keyword]);
      else if (opensBlock(keyword)) dropped(what, l.span, `${keyword} is a block, which a carried line cannot hold`);
      else if (!keepalivedKeywords(level, checker).has(keyword))
        dropped(what, l.span, `keepalived does not read ${keyword} in ${level}${checker ? ` (${checker})` : ''}, so it had no effect`);
      else if (!text) dropped(what, l.span, 'its words are outside the grammar of a carried line (quotes, $, @, braces or other characters)');
      else if (out.length >= 64) dropped(what, l.span, 'more than 64 carried lines at one level');
      else {
        out.push(text);
        report.push({ status: 'carried', what: text, at: where(l.span) });
      }
    }
    return out;
  };

  // ---- VRRP instances, matched across the files by virtual_router_id and interface. The first one (the
  // topology's `vrrp`): the one lvs_sync_daemon follows, else the one most files share, then the lowest virtual_router_id.
  const instanceKey = (v: VrrpInstance): string => `${v.virtualRouterId} ${v.interface ?? ''}`;
  const byKey = new Map<string, VrrpInstance[]>();
  for (const d of directors) for (const v of d.vrrp) byKey.set(instanceKey(v), [...(byKey.get(instanceKey(v)) ?? []), v]);
  const syncedName = directors.find((d) => d.syncDaemon?.instance)?.syncDaemon?.instance;
  const followed = (vs: VrrpInstance[]): number => Number(vs.some((v) => v.name === syncedName));
  const ranked = [...byKey.entries()].sort(
    (a, b) =>
      followed(b[1]) - followed(a[1]) ||
      b[1].length - a[1].length ||
      a[1][0]!.virtualRouterId - b[1][0]!.virtualRouterId ||
      (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
  );
  const chosenKey = ranked[0]?.[0];
  /** The further instances, in the order ranked, each with the topology name it gets. */
  const otherInstances: { key: string; name: string; versions: VrrpInstance[] }[] = [];
  {
    const taken = new Set([safeName(clusterHint).toLowerCase()]);
    for (const [key, versions] of ranked.slice(1)) {
      let name = safeName(versions[0]!.name);
      for (let n = 2; taken.has(name.toLowerCase()); n++) name = safeName(`${versions[0]!.name}-${n}`);
      taken.add(name.toLowerCase());
      otherInstances.push({ key, name, versions });
    }
  }
  /** The topology instance that holds `address` in some file: the name of one of `vrrp.instances`, or undefined for the first (or none). */
  const instanceHolding = (address: string): string | undefined =>
    otherInstances.find((o) => o.versions.some((v) => [...v.addresses, ...v.excluded].some((a) => a.address === address)))?.name;

  // ---- directors: their names and their instance
  const used = new Set<string>();
  const directorOf = new Map<string, string>();
  const names = directors.map((d, i) => {
    const fromId = d.routerId && NAME.test(d.routerId) && !used.has(d.routerId.toLowerCase()) && d.routerId !== 'LVS_DEVEL' ? d.routerId : undefined;
    const name = fromId ?? `lb${i + 1}`;
    used.add(name.toLowerCase());
    directorOf.set(d.file, name);
    if (!fromId)
      guesses.push({
        path: ['directors', name],
        comment: `guessed name: ${d.file} ${d.routerId ? `has router_id ${d.routerId}, not a usable host name` : 'names no router_id'}`,
      });
    return name;
  });
  const instanceOf = (d: Director, key = chosenKey): VrrpInstance | undefined => d.vrrp.find((v) => instanceKey(v) === key);
  /** Priorities by director name made distinct, as VRRP needs them: a tie is broken by state MASTER in the instance `key`, then file order. */
  const distinctPriorities = (priorities: ReadonlyMap<string, number>, key: string | undefined): Map<string, number> => {
    const seen = new Set<number>();
    const out = new Map<string, number>();
    const order = names.map((n, i) => ({ n, i, p: priorities.get(n)!, master: instanceOf(directors[i]!, key)?.state === 'MASTER' }));
    order.sort((a, b) => b.p - a.p || Number(b.master) - Number(a.master) || a.i - b.i);
    for (const o of order) {
      let p = o.p;
      while (seen.has(p) && p > 1) p--;
      seen.add(p);
      out.set(o.n, p);
    }
    return out;
  };

  // ---- services: the union over the directors, by key; the first file's definition wins.
  const services = new Map<string, VirtualServer>();
  for (const d of directors)
    for (const vs of d.virtualServers) {
      const seen = services.get(vs.key);
      if (!seen) services.set(vs.key, vs);
      else if (seen.span.file === vs.span.file)
        // keepalived would add the second to the first's IPVS service (or fail to): the files should not say it twice.
        problems.push(
          importProblem(
            'LVS410',
            `virtual server ${vs.key} is defined twice in ${vs.span.file}${[seen, vs].some((v) => v.group) ? ` (${[seen, vs].map((v) => (v.group ? `in virtual_server_group ${v.group}` : 'as a virtual_server')).join(' and ')})` : ''}: IPVS has one service per address and port`,
            vs.span,
            `the import takes the first (line ${seen.span.line}); remove the other, or the address from its group`,
            'warning',
          ),
        );
      else if (fingerprint(seen) !== fingerprint(vs))
        problems.push(
          importProblem(
            'LVS410',
            `virtual server ${vs.key} differs from the one in ${seen.span.file}`,
            vs.span,
            `the import takes ${seen.span.file}'s; make the directors' files agree`,
            'warning',
          ),
        );
    }
  const pair = directors.length >= 2;
  const manager: 'static' | 'keepalived' = directors.every((d) => d.source === 'ipvsadm') && !pair ? 'static' : 'keepalived';
  if (directors.some((d) => d.source === 'ldirectord'))
    native(
      'ldirectord health checks, as keepalived checkers (lvscc runs keepalived for checked services)',
      directors.find((d) => d.source === 'ldirectord')!.virtualServers[0]?.span,
    );

  // ---- addresses: one prefix length per family, the longest (up to /24, /64) that puts DR VIPs and their real servers on one segment.
  const known = new Map<string, string>(); // director name -> its own address, when a file says it
  directors.forEach((d, i) => {
    const v = instanceOf(d);
    const own = v?.unicastSource ?? v?.multicastSource;
    if (own) known.set(names[i]!, own);
  });
  if (pair && directors.length === 2)
    directors.forEach((d, i) => {
      const other = instanceOf(directors[1 - i]!);
      if (!known.has(names[i]!) && other?.unicastPeers.length === 1) known.set(names[i]!, other.unicastPeers[0]!);
    });
  const drAddresses = (family: 4 | 6): string[] =>
    [...services.values()]
      .filter((s) => s.method === 'dr' && s.family === family && s.address)
      .flatMap((s) => [s.address!, ...s.realServers.map((r) => r.address).filter((a) => familyOf(a) === family)]);
  const prefixFor = (family: 4 | 6): number => {
    const all = [...drAddresses(family), ...[...known.values()].filter((a) => familyOf(a) === family)];
    for (let p = family === 4 ? 24 : 64; p >= 8; p--) if (new Set(all.map((a) => networkOf(a, p))).size <= 1) return p;
    return family === 4 ? 24 : 64;
  };
  const prefix = { 4: prefixFor(4), 6: prefixFor(6) } as const;
  const usedAddresses = new Set<string>();
  for (const s of services.values()) {
    if (s.address) usedAddresses.add(s.address);
    for (const r of s.realServers) usedAddresses.add(r.address);
  }
  for (const a of known.values()) usedAddresses.add(a);
  for (const d of directors) for (const v of d.vrrp) for (const a of [...v.addresses, ...v.excluded]) usedAddresses.add(a.address);
  // What else a VIP entry says: lvscc adds each address with its prefix on its interface and nothing more.
  for (const d of directors)
    for (const v of d.vrrp)
      for (const a of [...v.addresses, ...v.excluded]) {
        if (!a.options) continue;
        const words = a.options.words;
        const label = words.indexOf('label');
        const others = words.filter((_, i) => label < 0 || (i !== label && i !== label + 1));
        const reasons = [
          ...(label >= 0 ? [`a label only names the address for ifconfig (${words[label + 1] ?? ''}); lvscc adds it without one`] : []),
          ...(others.length
            ? [`keepalived's address options ${others.join(' ')} are not in the topology format: lvscc adds the address with its prefix only`]
            : []),
        ];
        dropped(`${a.address} ${words.join(' ')}`, a.options.span, reasons.join('; '));
      }
  /** A free address in the segment of `near`, from its top down (.254, .253, ...). */
  const freeAddress = (near: string): string => {
    const family = familyOf(near);
    const p = prefix[family];
    const bits = BigInt((family === 4 ? 32 : 128) - p);
    const base = (addressValue(near) >> bits) << bits;
    for (let v = base + (1n << bits) - 2n; v > base; v--) {
      const text = addressText(v, family);
      if (!usedAddresses.has(text)) {
        usedAddresses.add(text);
        return text;
      }
    }
    return near;
  };

  // ---- the topology's services
  const realServers = new Map<string, string>(); // address -> name
  const serverName = (address: string): string => {
    let name = realServers.get(address);
    if (!name) {
      name = safeName(`rs-${address.replace(/:/g, '-')}`);
      realServers.set(address, name);
    }
    return name;
  };
  const topologyServices: Record<string, ServiceInput> = {};
  /** The port of the service check being mapped, for its members' own checks. */
  let pendingPort: number | undefined;
  /** Services whose VIP `virtual_ipaddress` writes with a subnet prefix. */
  const prefixedVips = new Map<string, VipAddress>();
  const vrrpVips = new Set(directors.flatMap((d) => (instanceOf(d)?.addresses ?? []).map((a) => a.address)));
  const fwmarkVips: string[] = [...vrrpVips].filter((a) => ![...services.values()].some((s) => s.address === a));
  for (const vs of [...services.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    // A virtual server without real servers stays one (`realServers: []`): keepalived skips it, and so does lvscc (LVS275).
    const name = safeName(vs.fwmark !== undefined ? `fwmark-${vs.fwmark}` : `${vs.protocol}-${vs.address!.replace(/:/g, '-')}-${vs.port ?? 0}`);
    const service: ServiceInput = { vip: vs.address ?? '', forwarding: vs.method, realServers: [] };
    if (vs.fwmark !== undefined) {
      const vip = fwmarkVips.find((a) => familyOf(a) === vs.family);
      const near = vs.realServers.find((r) => familyOf(r.address) === vs.family)?.address;
      service.vip = vip ?? (near ? freeAddress(near) : vs.family === 4 ? '192.0.2.1' : '2001:db8::1');
      if (vip) fwmarkVips.splice(fwmarkVips.indexOf(vip), 1);
      guesses.push({
        path: ['services', name, 'vip'],
        comment: vip
          ? 'guessed: a VRRP address of no other service, for this fwmark service'
          : 'guessed: the files name no address for this fwmark service; a free one on its real servers’ segment',
      });
    }
    if (vs.protocol !== 'tcp') service.protocol = vs.protocol;
    const holder = vs.address === undefined ? undefined : instanceHolding(vs.address);
    if (holder) service.vrrpInstance = holder;
    if (vs.port !== undefined) service.port = vs.port;
    if (vs.fwmark !== undefined) service.fwmark = vs.fwmark;
    if (schedulers.has(vs.scheduler)) service.scheduler = vs.scheduler as ServiceInput['scheduler'];
    else dropped(`lvs_sched ${vs.scheduler}`, vs.span, 'not an IPVS scheduler; keepalived would refuse it');
    if (vs.tunnel && vs.method === 'tun') {
      if (vs.tunnel.type === 'ipip' || vs.tunnel.type === 'gue' || vs.tunnel.type === 'gre')
        service.tunnel = {
          type: vs.tunnel.type,
          ...(vs.tunnel.port && { port: vs.tunnel.port }),
          ...(vs.tunnel.checksum && { checksum: vs.tunnel.checksum as 'csum' | 'remcsum' }),
        };
    }
    if (vs.persistence !== undefined) service.persistence = vs.persistence;
    if (vs.persistencePrefix !== undefined) service.persistenceNetmask = vs.persistencePrefix;
    if (vs.sorry) service.sorryServer = { address: vs.sorry.address, ...(vs.sorry.port && { port: vs.sorry.port }) };
    native(`virtual_server ${vs.key}${vs.group ? ` (virtual_server_group ${vs.group})` : ''}`, vs.span);
    if (vs.group)
      guesses.push({
        path: ['services', name],
        comment: `one entry of virtual_server_group ${vs.group} (a service per address or fwmark), with the group's real servers and checks; keepalived checks each real server once for the whole group`,
      });
    const vip = directors.flatMap((d) => d.vrrp.flatMap((v) => v.addresses)).find((a) => a.address === vs.address);
    // The prefix is kept (LVS220 warns) when the directors' segment has it; see the hosts below.
    if (vip?.prefix !== undefined && vip.prefix !== (vs.family === 4 ? 32 : 128)) prefixedVips.set(name, vip);
    // One health check per service: the first real server's first check, when the others agree.
    const checks = vs.realServers.map((r) => r.checks[0]);
    const first = checks.find((c) => c !== undefined);
    if (first && manager === 'keepalived') {
      service.healthCheck = healthCheck(first, vs);
      for (const [i, c] of checks.entries()) {
        const r = vs.realServers[i]!;
        if (!c)
          dropped(
            `real_server ${r.address} without a checker`,
            r.span,
            'the topology checks every real server of a service alike; it now gets the service check',
          );
        else if (c !== first && checkKey(c) !== checkKey(first))
          dropped(`${c.type} check of ${r.address}`, c.span, 'it differs from the service check; the topology has one check per service');
        for (const extra of r.checks.slice(1))
          dropped(`second checker ${extra.type} of ${r.address}`, extra.span, 'the topology has one checker per real server');
      }
    } else if (first) for (const c of checks) if (c) dropped(`${c.type} check`, c.span, 'health checks need the keepalived manager');
    const inhibit = vs.realServers.map((r) => r.inhibitOnFailure);
    if (service.healthCheck) {
      service.healthCheck.inhibitOnFailure = inhibit[0]!;
      if (inhibit.some((x) => x !== inhibit[0]))
        dropped(`inhibit_on_failure of some real servers of ${vs.key}`, vs.span, 'the topology sets it for the whole service; the first real server decides');
    }
    pendingPort = service.healthCheck?.port;
    for (const r of vs.realServers) service.realServers.push(member(r, vs, name));
    const lines = carry(quorumPolicy(vs, service), 'virtual_server');
    if (lines.length) service.keepalivedLines = lines;
    topologyServices[name] = service;
  }
  if (!Object.keys(topologyServices).length)
    problems.push(
      importProblem(
        'LVS409',
        'the imported files define no virtual server',
        directors[0]?.virtualServers[0]?.span,
        'import the files that define the virtual servers',
      ),
    );

  /**
   * Reads keepalived's quorum policy (`quorum`, `hysteresis`, `quorum_up`, `quorum_down`, `omega`) into
   * `service.quorum` and `alpha`, `ha_suspend` into its health check; returns the lines left to carry.
   */
  function quorumPolicy(vs: VirtualServer, service: ServiceInput): Line[] {
    const rest: Line[] = [];
    const policy: Partial<NonNullable<ServiceInput['quorum']>> = {};
    const whole = (l: Line, min: number): number | undefined => {
      const n = Number(l.words[1]);
      if (l.words.length === 2 && Number.isInteger(n) && n >= min && n <= 4294967295) return n;
      dropped(l.words.join(' '), l.span, `keepalived takes a whole number from ${min}; this line is not one`);
      return undefined;
    };
    const program = (l: Line): string | undefined => {
      if (l.words.length === 2 && SCRIPT.test(l.words[1]!)) return l.words[1];
      dropped(l.words.join(' '), l.span, 'the topology runs a program path without arguments; this one has arguments or other characters');
      return undefined;
    };
    for (const l of vs.lines) {
      const keyword = l.words[0]!;
      const before = report.length;
      if (keyword === 'quorum') policy.minimumWeight = whole(l, 1) ?? policy.minimumWeight;
      else if (keyword === 'hysteresis') policy.hysteresis = whole(l, 0) ?? policy.hysteresis;
      else if (keyword === 'quorum_up') policy.onUp = program(l) ?? policy.onUp;
      else if (keyword === 'quorum_down') policy.onDown = program(l) ?? policy.onDown;
      else if (keyword === 'omega' && l.words.length === 1) policy.runOnStop = true;
      else if ((keyword === 'alpha' || keyword === 'ha_suspend') && l.words.length === 1) {
        if (service.healthCheck) service.healthCheck[keyword === 'alpha' ? 'startDown' : 'suspendOnBackup'] = true;
        else dropped(keyword, l.span, 'the service has no health check for it to change');
      } else {
        rest.push(l);
        continue;
      }
      if (report.length === before) native(l.words.join(' '), l.span);
    }
    const { minimumWeight, ...others } = policy;
    // keepalived's quorum is 1 unless stated: hysteresis, the scripts and omega apply to that one too.
    if (minimumWeight !== undefined || Object.keys(others).length) service.quorum = { minimumWeight: minimumWeight ?? 1, ...others };
    return rest;
  }

  function member(r: RealServer, vs: VirtualServer, serviceName: string): MemberInput {
    const server = serverName(r.address);
    const out: Exclude<MemberInput, string> = { server };
    if (r.weight !== 1) out.weight = r.weight;
    // Kept under DR and TUN too: LVS210 warns that the kernel delivers to the service port regardless.
    if (r.port !== undefined && r.port !== vs.port) out.port = r.port;
    const lines = carry(r.lines, 'real_server');
    if (lines.length) out.keepalivedLines = lines;
    // connect_ip and connect_port may differ per real server: the member's own healthCheck says them.
    const check = r.checks[0];
    if (check && manager === 'keepalived') {
      const own: NonNullable<Exclude<MemberInput, string>['healthCheck']> = {};
      if (check.connectIp && check.connectIp !== r.address) own.address = check.connectIp;
      const servicePort = topologyServices[serviceName]?.healthCheck?.port ?? pendingPort;
      if (check.port !== undefined && check.port !== servicePort && check.port !== (r.port ?? vs.port)) own.port = check.port;
      if (Object.keys(own).length) out.healthCheck = own;
    }
    return Object.keys(out).length === 1 ? server : out;
  }

  function healthCheck(c: Check, vs: VirtualServer): HealthCheckInput {
    // keepalived's DNS_CHECK asks over UDP only: a TCP service's listener is then never probed.
    const dnsOverTcp = c.type === 'dns' && vs.protocol === 'tcp';
    if (dnsOverTcp)
      dropped(`dns check of ${vs.key}`, c.span, "keepalived's DNS_CHECK asks over UDP, which a TCP service need not answer; a TCP connect check is used");
    const out: HealthCheckInput = { type: dnsOverTcp ? 'tcp' : c.type };
    const memberPort = vs.realServers[0]?.port ?? vs.port;
    if (c.port !== undefined && c.port !== memberPort) out.port = c.port;
    const url = c.urls[0];
    if (url) {
      const paths = c.urls.filter((u) => /^\/[A-Za-z0-9._~/?=&%+-]{0,255}$/.test(u.path) && (!u.digest || /^[0-9a-f]{32}$/.test(u.digest)));
      for (const u of c.urls) if (!paths.includes(u)) dropped(`url ${u.path}`, c.span, 'its path or digest has characters the topology does not accept');
      // keepalived without status_code accepts any 2xx.
      const status = (u: (typeof c.urls)[number]): (number | string)[] => (u.status.length ? statusRanges(u.status) : ['200-299']);
      const single = paths.length === 1 && paths[0]!.status.length === 1 ? paths[0]! : undefined;
      if (single) {
        if (single.path !== '/') out.path = single.path;
        out.expectStatus = single.status[0]!;
        if (single.digest) out.digest = single.digest;
      } else if (paths.length)
        out.urls = paths.slice(0, 32).map((u) => ({ path: u.path, expectStatus: status(u) as number[], ...(u.digest && { digest: u.digest }) }));
    }
    const whole = (v: number, what: string, min: number): number => {
      const n = Math.max(min, Math.ceil(v));
      if (n !== v) dropped(`${what} ${v}`, c.span, `the topology takes whole seconds from ${min}; ${n} is used`);
      return n;
    };
    out.timeout = whole(c.timeout, c.type === 'misc' ? 'misc_timeout' : 'connect_timeout', 1);
    out.interval = whole(c.interval, 'delay_loop', 1);
    out.retries = Math.min(100, c.retries);
    out.delayBeforeRetry = whole(c.delayBeforeRetry, 'delay_before_retry', 1);
    if (c.type === 'misc') {
      const script = (c.script ?? '').split(/\s+/)[0]!;
      if (/^(\/[A-Za-z0-9_][A-Za-z0-9._+-]{0,63}){1,16}$/.test(script)) out.script = script;
      else {
        out.script = '/usr/local/bin/check';
        guesses.push({ path: ['services', '*', 'healthCheck', 'script'], comment: 'guessed: the original script path is not one the topology accepts' });
      }
      if ((c.script ?? '').trim() !== script)
        dropped(
          `misc_path ${c.script}`,
          c.span,
          `the topology runs ${script} with the real server's address and port as its arguments, not the original's arguments`,
        );
    }
    if (out.type === 'dns') {
      if (c.dnsName && c.dnsName !== '.') out.queryName = c.dnsName;
      if (c.dnsType && c.dnsType !== 'SOA') out.queryType = c.dnsType as HealthCheckInput['queryType'];
    }
    if (c.bindto) out.sourceAddress = c.bindto;
    if (c.virtualHost !== undefined) {
      if (VIRTUAL_HOST.test(c.virtualHost)) out.virtualHost = c.virtualHost;
      else dropped(`virtualhost ${c.virtualHost}`, c.span, 'not a host name the topology accepts as a Host header: the check sends none');
    }
    const lines = carry(c.lines, 'checker', c.type);
    if (lines.length) out.keepalivedLines = lines;
    return out;
  }

  // ---- VRRP
  const instances = directors.map((d) => instanceOf(d));
  const firstInstance = instances.find((v) => v !== undefined);
  const topology: TopologyInput = {
    version: 1,
    cluster: safeName(clusterHint),
    manager,
    directors: {},
    realServers: {},
    services: topologyServices,
  } as TopologyInput;
  guesses.push({ path: ['cluster'], comment: 'guessed from the first file name' });
  if (firstInstance || pair) {
    const v = firstInstance;
    const iface = v?.interface && ifName.test(v.interface) ? v.interface : 'eth0';
    if (!v?.interface) guesses.push({ path: ['vrrp', 'interface'], comment: 'guessed: no vrrp_instance names its interface' });
    const vrrp: NonNullable<TopologyInput['vrrp']> = { virtualRouterId: v?.virtualRouterId || 51, interface: iface };
    if (!v) guesses.push({ path: ['vrrp', 'virtualRouterId'], comment: 'guessed: the files have no vrrp_instance' });
    else {
      native(`vrrp_instance ${v.name}`, v.span);
      if (v.advertInterval !== 1) vrrp.advertInterval = Math.max(1, Math.min(255, Math.round(v.advertInterval)));
      if (vrrp.advertInterval !== undefined && vrrp.advertInterval !== v.advertInterval)
        dropped(`advert_int ${v.advertInterval}`, v.span, `the topology takes whole seconds; ${vrrp.advertInterval} is used`);
      if (v.authType === 'PASS' && v.authPassword) {
        // As written: keepalived uses the first 8 characters, and so does lvscc's keepalived.conf (LVS214 warns).
        vrrp.authPassword = v.authPassword;
        if (!/^[A-Za-z0-9_.+=:,%^*~-]{1,64}$/.test(vrrp.authPassword)) {
          dropped('auth_pass', v.span, 'its characters are outside what the topology accepts');
          delete vrrp.authPassword;
        }
      } else if (v.authType === 'AH') dropped('auth_type AH', v.span, 'the topology has PASS authentication only (AH was removed from VRRPv3)');
      if (instances.some((i) => i && (i.unicastPeers.length || i.unicastSource))) vrrp.unicast = true;
      vrrp.preempt = instances.some((i) => i?.preempt);
      const delay = instances.find((i) => i?.preemptDelay)?.preemptDelay;
      if (delay && vrrp.preempt) vrrp.preemptDelay = Math.max(1, Math.round(delay));
      const g = directors[0]!.garp;
      vrrp.garp = { delay: g.delay, repeat: g.repeat, refresh: g.refresh, refreshRepeat: g.refreshRepeat };
      const tracked: string[] = [];
      for (const t of v.trackInterfaces)
        if (t.weight !== undefined)
          dropped(
            `track_interface ${t.name} weight ${t.weight}`,
            t.span,
            'a weighted track changes the priority; the topology tracks an interface by FAULT only',
          );
        else if (t.name !== iface)
          dropped(
            `track_interface ${t.name}`,
            t.span,
            `the directors are given only ${iface}, the VRRP interface; tracking ${t.name} needs it declared, with its address, on every director (LVS274)`,
          );
        else if (!tracked.includes(t.name)) tracked.push(t.name);
      if (tracked.length) {
        vrrp.trackInterfaces = tracked;
        native(`track_interface ${tracked.join(' ')}`, v.trackInterfaces[0]!.span);
      }
      const lines = carry(v.lines, 'vrrp_instance');
      if (lines.length) vrrp.keepalivedLines = lines;
    }
    vrrp.connectionSync = directors.some((d) => d.syncDaemon);
    topology.vrrp = vrrp;
  }
  const recipients = directors[0]?.alertRecipients;
  if (recipients) {
    const kept = recipients.addresses.filter((a) => RECIPIENT.test(a));
    for (const a of recipients.addresses)
      if (!kept.includes(a)) dropped(`notification_email ${a}`, recipients.span, 'not an e-mail address the topology accepts');
    if (kept.length) {
      topology.alertRecipients = [...new Set(kept)].slice(0, 64);
      native(`notification_email (${kept.length} recipients)`, recipients.span);
    }
  }
  const globalLines = carry(directors[0]?.lines ?? [], 'global_defs');
  for (const d of directors)
    for (const b of d.blocks) dropped(b.words.join(' '), b.span, dropReasons[b.words[0]!] ?? `${b.words[0]} is not in the topology format`);
  for (const d of directors) for (const u of d.unmapped ?? []) dropped(u.line.words.join(' '), u.line.span, u.reason);
  if (globalLines.length) topology.keepalivedLines = globalLines;

  // ---- hosts
  const vipOf = (family: 4 | 6): string | undefined => [...services.values()].find((s) => s.family === family && s.address)?.address;
  const natNetworks = new Map<string, string>(); // network -> a real server address there
  for (const s of services.values())
    if (s.method === 'nat') for (const r of s.realServers) natNetworks.set(networkOf(r.address, prefix[familyOf(r.address)]), r.address);
  const gatewayOf = new Map<string, string>(); // NAT network -> gateway address
  if (pair) {
    for (const [network, sample] of natNetworks) {
      const floating = [...vrrpVips].find((a) => familyOf(a) === familyOf(sample) && networkOf(a, prefix[familyOf(a)]) === network);
      const gateway = floating ?? freeAddress(sample);
      gatewayOf.set(network, gateway);
      if (topology.vrrp && familyOf(gateway) === 4 && !topology.vrrp.gatewayAddress) {
        topology.vrrp.gatewayAddress = `${gateway}/${prefix[4]}`;
        if (!floating)
          guesses.push({
            path: ['vrrp', 'gatewayAddress'],
            comment: 'guessed: NAT real servers need a floating gateway, and no VRRP address is on their segment',
          });
      }
    }
  }
  directors.forEach((d, i) => {
    const name = names[i]!;
    const v = instanceOf(d);
    const iface = topology.vrrp?.interface ?? (v?.interface && ifName.test(v.interface) ? v.interface : 'eth0');
    const interfaces: Record<string, string> = {};
    const own = known.get(name);
    const anchor = own ?? vipOf(4) ?? vipOf(6) ?? [...services.values()][0]?.realServers[0]?.address ?? '192.0.2.1';
    const address = own ?? freeAddress(anchor);
    interfaces[iface] = `${address}/${prefix[familyOf(address)]}`;
    if (!own)
      guesses.push({
        path: ['directors', name, 'interfaces', iface],
        comment: `guessed: ${d.file} does not say this director's address; a free one on the VIP segment`,
      });
    else
      guesses.push({
        path: ['directors', name, 'interfaces', iface],
        comment: `from ${v?.unicastSource ? 'unicast_src_ip' : v?.multicastSource ? 'mcast_src_ip' : "the other director's unicast_peer"}; the prefix length is guessed`,
      });
    if (!v?.interface) guesses.push({ path: ['directors', name, 'interfaces'], comment: 'guessed interface name' });
    let extra = 1;
    for (const [network, sample] of natNetworks) {
      const onSegment = (a: string): boolean => familyOf(a) === familyOf(sample) && networkOf(a, prefix[familyOf(sample)]) === network;
      if (Object.values(interfaces).some((a) => onSegment(a.split('/')[0]!))) continue;
      const ifaceName = `eth${extra++}` === iface ? `eth${extra++}` : `eth${extra - 1}`;
      const a = freeAddress(sample);
      interfaces[ifaceName] = `${a}/${prefix[familyOf(a)]}`;
      guesses.push({ path: ['directors', name, 'interfaces', ifaceName], comment: 'guessed: an interface on the NAT real servers’ segment' });
      if (!pair) gatewayOf.set(network, a);
    }
    if (!pair) for (const [network] of natNetworks) if (!gatewayOf.has(network)) gatewayOf.set(network, address);
    topology.directors[name] = {
      interfaces,
      ...((pair || v) && { priority: Math.max(1, Math.min(254, v?.priority ?? 100)) }),
    };
    if (v && v.priority > 254) dropped(`priority ${v.priority}`, v.span, 'the topology takes 1 to 254 (255 is the address owner); 254 is used');
    if (pair && !v) guesses.push({ path: ['directors', name, 'priority'], comment: 'guessed: this file has no vrrp_instance' });
  });
  if (pair) {
    const distinct = distinctPriorities(new Map(names.map((n) => [n, topology.directors[n]!.priority!])), chosenKey);
    for (const [n, p] of distinct) {
      const written = topology.directors[n]!.priority!;
      if (p === written) continue;
      topology.directors[n]!.priority = p;
      guesses.push({ path: ['directors', n, 'priority'], comment: `guessed: priority ${written} is another director's too; VRRP needs them distinct` });
    }
  }
  for (const [address, name] of [...realServers.entries()].sort((a, b) => (a[1] < b[1] ? -1 : 1))) {
    const family = familyOf(address);
    const host: TopologyInput['realServers'][string] = { interfaces: { eth0: `${address}/${prefix[family]}` } };
    const gateway = gatewayOf.get(networkOf(address, prefix[family]));
    if (gateway && family === 4) host.gateway = gateway;
    if (gateway && family === 6) host.gateway6 = gateway;
    topology.realServers[name] = host;
    guesses.push({
      path: ['realServers', name],
      comment: `guessed: name from the address, interface eth0, prefix /${prefix[family]}${gateway ? `, gateway ${gateway} (NAT replies go through the director)` : ''}`,
    });
  }
  // A VIP keeps its prefix when it is the prefix of every director's segment of the VIP (LVS220 warns:
  // a second address of that segment); otherwise it is written as a host address, and the loss reported.
  for (const [name, vip] of prefixedVips) {
    const onSegment = (cidr: string): boolean => {
      const [a, p] = cidr.split('/');
      return Number(p) === vip.prefix && familyOf(a!) === familyOf(vip.address) && networkOf(a!, vip.prefix!) === networkOf(vip.address, vip.prefix!);
    };
    if (Object.values(topology.directors).every((d) => Object.values(d.interfaces).some((c) => typeof c === 'string' && onSegment(c))))
      topologyServices[name]!.vip = `${vip.address}/${vip.prefix}`;
    else
      dropped(
        `virtual_ipaddress ${vip.address}/${vip.prefix}`,
        vip.span,
        `the VIP is written as /${familyOf(vip.address) === 4 ? 32 : 128}: no director has an address on its /${vip.prefix} segment, where the prefix would add a connected route of its own (LVS220)`,
      );
  }
  // ---- floating addresses of no service, further instances and sync groups
  const serviceVips = new Set([...Object.values(topologyServices).map((s) => s.vip.split('/')[0]!), ...[...services.values()].map((s) => s.address)]);
  const gateway = topology.vrrp?.gatewayAddress?.split('/')[0];
  /** The addresses of no service that the versions of one instance hold, once each, as `address/prefix`. */
  const ownAddresses = (versions: VrrpInstance[]): string[] => {
    const out = new Map<string, string>();
    for (const v of versions)
      for (const a of [...v.addresses, ...v.excluded])
        if (!serviceVips.has(a.address) && a.address !== gateway && !out.has(a.address))
          out.set(a.address, `${a.address}/${a.prefix ?? (familyOf(a.address) === 4 ? 32 : 128)}`);
    return [...out.values()].slice(0, 255);
  };
  const firstVersions = directors.map((d) => instanceOf(d)).filter((v): v is VrrpInstance => v !== undefined);
  if (topology.vrrp && firstVersions.length) {
    const own = ownAddresses(firstVersions);
    if (own.length) {
      topology.vrrp.addresses = own;
      native(`virtual_ipaddress of no virtual server (${own.length}), as vrrp.addresses`, firstVersions[0]!.span);
    }
  }
  const first = firstVersions[0];
  const nameOfKey = new Map<string, string>(otherInstances.map((o) => [o.key, o.name]));
  if (topology.vrrp && first) {
    const instances: NonNullable<NonNullable<TopologyInput['vrrp']>['instances']> = {};
    for (const other of otherInstances) {
      const v = other.versions[0]!;
      const addresses = ownAddresses(other.versions);
      const serving = Object.values(topologyServices).some((svc) => svc.vrrpInstance === other.name);
      if (!addresses.length && !serving) {
        dropped(`vrrp_instance ${v.name} (virtual_router_id ${v.virtualRouterId})`, v.span, 'it moves no address, and keepalived refuses such an instance');
        nameOfKey.delete(other.key);
        continue;
      }
      const instance: NonNullable<typeof instances>[string] = { virtualRouterId: v.virtualRouterId };
      const iface = v.interface && ifName.test(v.interface) ? v.interface : topology.vrrp.interface;
      if (iface !== topology.vrrp.interface) instance.interface = iface;
      if (addresses.length) instance.addresses = addresses;
      // Priorities that differ from the director's own (its priority in the first instance); ties broken as for the first.
      const priorities = new Map<string, number>();
      directors.forEach((d, i) => {
        const mine = instanceOf(d, other.key);
        const p = Math.max(1, Math.min(254, mine?.priority ?? topology.directors[names[i]!]!.priority ?? 100));
        if (mine && mine.priority > 254) dropped(`priority ${mine.priority}`, mine.span, 'the topology takes 1 to 254 (255 is the address owner); 254 is used');
        priorities.set(names[i]!, p);
      });
      const effective = pair ? distinctPriorities(priorities, other.key) : priorities;
      const written = Object.fromEntries(names.filter((n) => effective.get(n) !== (topology.directors[n]!.priority ?? 100)).map((n) => [n, effective.get(n)!]));
      if (Object.keys(written).length) instance.priorities = written;
      // What the topology's instances share with the first: report each setting this one has otherwise.
      const shared: [string, unknown, unknown][] = [
        ['advert_int', v.advertInterval, first.advertInterval],
        ['authentication', `${v.authType ?? ''} ${v.authPassword ?? ''}`, `${first.authType ?? ''} ${first.authPassword ?? ''}`],
        ['preemption', `${v.preempt} ${v.preemptDelay ?? ''}`, `${first.preempt} ${first.preemptDelay ?? ''}`],
        ['unicast', v.unicastPeers.length > 0 || v.unicastSource !== undefined, first.unicastPeers.length > 0 || first.unicastSource !== undefined],
        ['track_interface', v.trackInterfaces.map((t) => t.name).join(' '), first.trackInterfaces.map((t) => t.name).join(' ')],
        ['carried lines', v.lines.map((l) => l.words.join(' ')).join('; '), first.lines.map((l) => l.words.join(' ')).join('; ')],
      ];
      for (const [what, mine, theirs] of shared)
        if (mine !== theirs)
          dropped(
            `${what} of vrrp_instance ${v.name}`,
            v.span,
            `it differs from vrrp_instance ${first.name}'s; the topology's instances share the first one's ${what}`,
          );
      native(`vrrp_instance ${v.name} (virtual_router_id ${v.virtualRouterId}), as vrrp.instances.${other.name}`, v.span);
      instances[other.name] = instance;
    }
    if (Object.keys(instances).length) topology.vrrp.instances = instances;
    // Sync groups of the first file that has them: members by instance name there, kept when two or more were imported.
    const withGroups = directors.find((d) => d.syncGroups?.length);
    for (const group of withGroups?.syncGroups ?? []) {
      const members = group.instances
        .map((n) => withGroups!.vrrp.find((v) => v.name === n))
        .filter((v): v is VrrpInstance => v !== undefined)
        .map((v) => (instanceKey(v) === chosenKey ? '' : nameOfKey.get(instanceKey(v))))
        .filter((n): n is string => n !== undefined);
      if (members.length < 2) {
        dropped(`vrrp_sync_group ${group.name}`, group.span, 'fewer than two of its instances were imported, and keepalived refuses a group of one');
        continue;
      }
      const name = safeName(group.name);
      for (const m of members) {
        if (m === '') topology.vrrp.syncGroup = name;
        else topology.vrrp.instances![m]!.syncGroup = name;
      }
      native(`vrrp_sync_group ${group.name} (${members.length} instances)`, group.span);
      for (const l of group.lines)
        dropped(l.words.join(' '), l.span, 'a sync group of the topology fails its instances over together and carries no scripts or tracking');
    }
    // Every director needs the interface of every instance (LVS226): one it lacks gets a free address on the instance's segment.
    for (const [name, instance] of Object.entries(topology.vrrp.instances ?? {})) {
      const iface = instance.interface;
      if (!iface) continue;
      const near =
        instance.addresses?.[0]?.split('/')[0] ??
        Object.values(topologyServices)
          .find((svc) => svc.vrrpInstance === name)
          ?.vip.split('/')[0];
      for (const [directorName, director] of Object.entries(topology.directors)) {
        if (director.interfaces[iface] !== undefined || !near) continue;
        const a = freeAddress(near);
        director.interfaces[iface] = `${a}/${prefix[familyOf(a)]}`;
        guesses.push({ path: ['directors', directorName, 'interfaces', iface], comment: `guessed: an address on the segment of VRRP instance ${name}` });
      }
    }
  }
  return { topology, guesses, report, problems, directorOf };
}

/** A virtual server's meaning without locations, to compare two directors' definitions. */
function fingerprint(vs: VirtualServer): string {
  return JSON.stringify({
    ...vs,
    span: undefined,
    group: undefined,
    lines: vs.lines.map((l) => l.words),
    realServers: vs.realServers.map((r) => ({ ...r, span: undefined, lines: r.lines.map((l) => l.words), checks: r.checks.map(checkKey) })),
  });
}

/** Status codes as the topology writes them: single codes and `a-b` ranges of consecutive ones. */
function statusRanges(codes: number[]): (number | string)[] {
  const out: (number | string)[] = [];
  for (let i = 0; i < codes.length;) {
    let j = i;
    while (j + 1 < codes.length && codes[j + 1] === codes[j]! + 1) j++;
    out.push(j > i ? `${codes[i]}-${codes[j]}` : codes[i]!);
    i = j + 1;
  }
  return out;
}

function checkKey(c: Check): string {
  return JSON.stringify({ ...c, span: undefined, lines: c.lines.map((l) => l.words) });
}
