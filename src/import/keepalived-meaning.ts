// The meaning of a parsed keepalived.conf: its virtual servers, real servers, checks and VRRP instances with
// keepalived's defaults filled in; lines it does not read into fields are kept, per level, for the report.
import type { Span } from '../diagnostics/types.js';
import type { Statement, Word } from './keepalived-conf.js';
import {
  keepalivedDefaults,
  type Check,
  type CheckType,
  type Director,
  type Line,
  type RealServer,
  type SyncGroup,
  type VipAddress,
  type VirtualServer,
  type VrrpInstance,
} from './model.js';
import { canonicalAddress, familyOf, groupEntryAddresses, netmaskPrefix } from './net.js';
import { importProblem, type ImportProblem } from './problems.js';

const checkTypes: Record<string, CheckType> = {
  TCP_CHECK: 'tcp',
  HTTP_GET: 'http',
  SSL_GET: 'https',
  UDP_CHECK: 'udp',
  DNS_CHECK: 'dns',
  MISC_CHECK: 'misc',
  SMTP_CHECK: 'smtp',
  PING_CHECK: 'ping',
};

const line = (s: Statement): Line => ({ words: s.words.map((w) => w.text), span: spanOf(s) });
const spanOf = (s: Statement): Span => s.words[0]!.span;

/** Reads the statements of one keepalived.conf into a Director; problems are values keepalived would refuse. */
export function keepalivedMeaning(file: string, statements: Statement[], problems: ImportProblem[]): Director {
  const director: Director = { file, source: 'keepalived', garp: { ...keepalivedDefaults.garp }, vrrp: [], virtualServers: [], lines: [], blocks: [] };
  const groups = new Map<string, Statement>();
  for (const s of statements) if (s.words[0]!.text === 'virtual_server_group' && s.words[1]) groups.set(s.words[1].text, s);
  for (const s of statements) {
    const keyword = s.words[0]!.text;
    if (keyword === 'global_defs') readGlobal(s);
    else if (keyword === 'vrrp_instance') director.vrrp.push(readVrrp(s));
    else if (keyword === 'vrrp_sync_group') (director.syncGroups ??= []).push(readSyncGroup(s));
    else if (keyword === 'virtual_server') director.virtualServers.push(...readVirtualServer(s));
    else if (keyword !== 'virtual_server_group') director.blocks.push(line(s));
  }
  return director;

  function number(word: Word | undefined, min: number, max: number, at: Statement, fraction = false): number | undefined {
    const value = word === undefined ? NaN : Number(word.text);
    if (!word || !Number.isFinite(value) || value < min || value > max || (!fraction && !Number.isInteger(value))) {
      problems.push(
        importProblem(
          'LVS406',
          `${at.words[0]!.text} needs ${fraction ? 'a number' : 'an integer'} from ${min} to ${max}${word ? `, not ${word.text}` : ''}`,
          (word ?? at.words[0]!).span,
          `keepalived refuses or ignores this line; write a value from ${min} to ${max}`,
        ),
      );
      return undefined;
    }
    return value;
  }

  function address(word: Word | undefined, at: Statement): string | undefined {
    const text = word?.text.replace(/\/\d+$/, '');
    const canonical = text === undefined ? undefined : canonicalAddress(text);
    if (canonical === undefined) {
      problems.push(
        importProblem(
          'LVS406',
          `${at.words[0]!.text} needs an IP address${word ? `, not ${word.text}` : ''}`,
          (word ?? at.words[0]!).span,
          'write an IPv4 or IPv6 address',
        ),
      );
      return undefined;
    }
    return canonical;
  }

  function readGlobal(block: Statement): void {
    for (const s of block.block ?? []) {
      const [k, a, b, c] = s.words;
      const key = k!.text;
      if (key === 'router_id' && a) {
        director.routerId = a.text;
        director.routerIdSpan = a.span;
      } else if (key === 'lvs_sync_daemon' && a) director.syncDaemon = { interface: a.text, ...(b?.text === 'inst' && c ? {} : b ? { instance: b.text } : {}) };
      else if (key === 'vrrp_garp_master_delay') director.garp.delay = number(a, 0, 255, s) ?? director.garp.delay;
      else if (key === 'vrrp_garp_master_repeat') director.garp.repeat = number(a, 1, 255, s) ?? director.garp.repeat;
      else if (key === 'vrrp_garp_master_refresh') director.garp.refresh = number(a, 0, 86400, s) ?? director.garp.refresh;
      else if (key === 'vrrp_garp_master_refresh_repeat') director.garp.refreshRepeat = number(a, 1, 255, s) ?? director.garp.refreshRepeat;
      else if (key === 'notification_email' && s.block)
        // keepalived reads each line's first word as an address, and appends the addresses of a repeated block.
        director.alertRecipients = {
          addresses: [...(director.alertRecipients?.addresses ?? []), ...s.block.map((r) => r.words[0]!.text)],
          span: director.alertRecipients?.span ?? spanOf(s),
        };
      else director.lines.push(line(s));
      if (key === 'lvs_sync_daemon' && b?.text === 'inst' && c) director.syncDaemon!.instance = c.text;
      if (key === 'lvs_sync_daemon' && b && b.text !== 'inst') director.syncDaemon!.instance = b.text;
    }
  }

  function addresses(block: Statement | undefined): VipAddress[] {
    const out: VipAddress[] = [];
    for (const s of block?.block ?? []) {
      const [first, ...rest] = s.words;
      const prefix = /\/(\d+)$/.exec(first!.text)?.[1];
      const value = address(first, s);
      if (value === undefined) continue;
      const dev = rest.findIndex((w) => w.text === 'dev');
      const others = rest.filter((_, i) => dev < 0 || (i !== dev && i !== dev + 1));
      out.push({
        address: value,
        ...(prefix !== undefined && { prefix: Number(prefix) }),
        ...(dev >= 0 && rest[dev + 1] && { device: rest[dev + 1]!.text }),
        ...(others.length && { options: { words: others.map((w) => w.text), span: others[0]!.span } }),
        span: first!.span,
      });
    }
    return out;
  }

  /** `vrrp_sync_group NAME { group { VI_1 VI_2 } ... }`, or keepalived 1.x's members without `group { }`. */
  function readSyncGroup(block: Statement): SyncGroup {
    const group: SyncGroup = { name: block.words[1]?.text ?? '', span: spanOf(block), instances: [], lines: [] };
    for (const s of block.block ?? []) {
      if (s.words[0]!.text === 'group' && s.block) for (const member of s.block) group.instances.push(...member.words.map((w) => w.text));
      else if (!s.block && s.words.length === 1 && !/^(notify|smtp_alert|global_tracking|sync_group_tracking_weight)/.test(s.words[0]!.text))
        group.instances.push(s.words[0]!.text);
      else group.lines.push(line(s));
    }
    return group;
  }

  function readVrrp(block: Statement): VrrpInstance {
    const vrrp: VrrpInstance = {
      name: block.words[1]?.text ?? '',
      span: spanOf(block),
      state: 'BACKUP',
      virtualRouterId: 0,
      priority: keepalivedDefaults.priority,
      advertInterval: keepalivedDefaults.advertInterval,
      addresses: [],
      excluded: [],
      unicastPeers: [],
      preempt: true,
      trackInterfaces: [],
      lines: [],
    };
    let sawRouterId = false;
    for (const s of block.block ?? []) {
      const [k, a] = s.words;
      switch (k!.text) {
        case 'state':
          if (a?.text === 'MASTER' || a?.text === 'BACKUP') vrrp.state = a.text;
          else problems.push(importProblem('LVS406', `state must be MASTER or BACKUP${a ? `, not ${a.text}` : ''}`, (a ?? k!).span, 'write MASTER or BACKUP'));
          break;
        case 'interface':
          vrrp.interface = a?.text;
          break;
        case 'virtual_router_id':
          vrrp.virtualRouterId = number(a, 1, 255, s) ?? 0;
          sawRouterId = true;
          break;
        case 'priority':
          vrrp.priority = number(a, 1, 255, s) ?? vrrp.priority;
          break;
        case 'advert_int':
          vrrp.advertInterval = number(a, 0.01, 255, s, true) ?? vrrp.advertInterval;
          break;
        case 'nopreempt':
          vrrp.preempt = false;
          break;
        case 'preempt':
          vrrp.preempt = true;
          break;
        case 'preempt_delay':
          vrrp.preemptDelay = number(a, 0, 1000, s, true);
          break;
        case 'unicast_src_ip':
          vrrp.unicastSource = address(a, s);
          break;
        case 'mcast_src_ip':
          vrrp.multicastSource = address(a, s);
          break;
        case 'unicast_peer':
          for (const peer of s.block ?? []) {
            const value = address(peer.words[0], peer);
            if (value) vrrp.unicastPeers.push(value);
          }
          break;
        case 'lvs_sync_daemon_interface':
          // keepalived 1.x's spelling of global_defs `lvs_sync_daemon IFACE` (the instance implied).
          if (a) director.syncDaemon = { interface: a.text, instance: vrrp.name };
          else vrrp.lines.push(line(s));
          break;
        case 'authentication':
          for (const auth of s.block ?? []) {
            const [key, value] = auth.words;
            if (key!.text === 'auth_type' && (value?.text === 'PASS' || value?.text === 'AH')) vrrp.authType = value.text;
            else if (key!.text === 'auth_pass' && value) vrrp.authPassword = value.text;
            else vrrp.lines.push(line(auth));
          }
          break;
        case 'virtual_ipaddress':
          vrrp.addresses.push(...addresses(s));
          break;
        case 'track_interface':
          for (const t of s.block ?? []) {
            const [name, key, value] = t.words;
            const weight = key?.text === 'weight' ? number(value, -253, 253, t) : undefined;
            vrrp.trackInterfaces.push({ name: name!.text, ...(weight !== undefined && { weight }), span: name!.span });
          }
          break;
        case 'virtual_ipaddress_excluded':
          vrrp.excluded.push(...addresses(s));
          break;
        default:
          vrrp.lines.push(line(s));
      }
    }
    if (!sawRouterId)
      problems.push(
        importProblem(
          'LVS406',
          `vrrp_instance ${vrrp.name} has no virtual_router_id`,
          spanOf(block),
          'keepalived refuses an instance without one: add `virtual_router_id N`',
        ),
      );
    vrrp.unicastPeers.sort();
    return vrrp;
  }

  function readVirtualServer(block: Statement): VirtualServer[] {
    const [, first, second] = block.words;
    // The entries of a virtual_server_group: each `IP PORT`, `IP-RANGE PORT` or `fwmark N` shares the pool.
    const targets: { address?: string; port?: number; fwmark?: number; family?: 4 | 6; group?: string }[] = [];
    if (first?.text === 'fwmark') {
      const mark = number(second, 1, 4294967295, block);
      if (mark !== undefined) targets.push({ fwmark: mark });
    } else if (first?.text === 'group') {
      const group = second && groups.get(second.text);
      if (!group) {
        problems.push(
          importProblem(
            'LVS406',
            `virtual_server_group ${second?.text ?? ''} is not defined`,
            (second ?? block.words[0]!).span,
            'define the group before using it',
          ),
        );
        return [];
      }
      for (const entry of group.block ?? []) {
        const [a, b] = entry.words;
        if (a!.text === 'fwmark') {
          const mark = number(b, 1, 4294967295, entry);
          // `fwmark N inet6` (or `inet`): a group's fwmark entry says its family itself.
          const markFamily = entry.words[2]?.text === 'inet6' ? 6 : entry.words[2]?.text === 'inet' ? 4 : undefined;
          if (mark !== undefined) targets.push({ fwmark: mark, ...(markFamily && { family: markFamily }) });
          continue;
        }
        const port = number(b, 0, 65535, entry);
        const list = groupEntryAddresses(a!.text);
        if (typeof list === 'string')
          problems.push(
            importProblem(
              'LVS406',
              `virtual_server_group ${second!.text} entry ${a!.text}: ${list}`,
              a!.span,
              'write an address, a range (10.0.0.3-10, 10.0.0.3-10.0.0.10, 2001:db8::a-f) or a network (10.0.0.0/29)',
            ),
          );
        else for (const value of list) targets.push({ address: value, ...(port ? { port } : {}) });
      }
      for (const t of targets) t.group = second!.text;
    } else {
      const value = address(first, block);
      const port = second === undefined ? undefined : number(second, 0, 65535, block);
      if (value) targets.push({ address: value, ...(port ? { port } : {}) });
    }
    let family: 4 | 6 = 4;
    const base = {
      delayLoop: keepalivedDefaults.delayLoop,
      scheduler: keepalivedDefaults.scheduler,
      method: keepalivedDefaults.method,
      protocol: keepalivedDefaults.protocol,
      inhibit: false,
    };
    let tunnel: VirtualServer['tunnel'];
    let persistence: number | undefined;
    let persistencePrefix: number | undefined;
    let sorry: VirtualServer['sorry'];
    const lines: Line[] = [];
    const realBlocks: Statement[] = [];
    for (const s of block.block ?? []) {
      const [k, a, ...rest] = s.words;
      switch (k!.text) {
        case 'delay_loop':
          base.delayLoop = number(a, 0.001, 86400, s, true) ?? base.delayLoop;
          break;
        case 'lb_algo':
        case 'lvs_sched':
          if (a) base.scheduler = a.text;
          break;
        case 'lb_kind':
        case 'lvs_method': {
          const method = a?.text.toLowerCase();
          if (method === 'nat' || method === 'dr' || method === 'tun') base.method = method;
          else problems.push(importProblem('LVS406', `${k!.text} must be NAT, DR or TUN${a ? `, not ${a.text}` : ''}`, (a ?? k!).span, 'write NAT, DR or TUN'));
          if (method === 'tun' && rest[0]?.text === 'type' && rest[1]) {
            const port = rest.findIndex((w) => w.text === 'port');
            const checksum = rest.find((w) => /^(nocsum|csum|remcsum)$/.test(w.text))?.text;
            tunnel = { type: rest[1].text, ...(port >= 0 && { port: Number(rest[port + 1]?.text) }), ...(checksum && checksum !== 'nocsum' && { checksum }) };
          }
          break;
        }
        case 'protocol': {
          const protocol = a?.text.toLowerCase();
          if (protocol === 'tcp' || protocol === 'udp' || protocol === 'sctp') base.protocol = protocol;
          else
            problems.push(importProblem('LVS406', `protocol must be TCP, UDP or SCTP${a ? `, not ${a.text}` : ''}`, (a ?? k!).span, 'write TCP, UDP or SCTP'));
          break;
        }
        case 'persistence_timeout':
          // 0 is keepalived's "no persistence".
          persistence = number(a, 0, 2678400, s) || undefined;
          break;
        case 'persistence_granularity':
          persistencePrefix = a ? netmaskPrefix(a.text) : undefined;
          if (persistencePrefix === undefined)
            problems.push(
              importProblem(
                'LVS406',
                `persistence_granularity needs a netmask${a ? `, not ${a.text}` : ''}`,
                (a ?? k!).span,
                'write a netmask such as 255.255.255.0',
              ),
            );
          break;
        case 'sorry_server': {
          const value = address(a, s);
          if (value) sorry = { address: value, ...(rest[0] && { port: Number(rest[0].text) }) };
          break;
        }
        case 'inhibit_on_failure':
          base.inhibit = true;
          break;
        case 'ip_family':
          family = a?.text === 'inet6' ? 6 : 4;
          break;
        case 'real_server':
          realBlocks.push(s);
          break;
        default:
          lines.push(line(s));
      }
    }
    const firstAddress = targets.find((t) => t.address)?.address;
    if (firstAddress) family = familyOf(firstAddress);
    const realServers = realBlocks.flatMap((s) => readRealServer(s, base.delayLoop, base.inhibit));
    return targets.map(({ family: markFamily, ...t }) => {
      const own = t.address ? familyOf(t.address) : (markFamily ?? family);
      return {
        key:
          t.fwmark !== undefined
            ? `fwmark ${t.fwmark}${own === 6 ? ' inet6' : ''}`
            : `${base.protocol} ${own === 6 ? `[${t.address}]` : t.address}:${t.port ?? 0}`,
        span: spanOf(block),
        ...t,
        family: own,
        protocol: base.protocol,
        scheduler: base.scheduler,
        method: base.method,
        ...(tunnel && { tunnel }),
        ...(persistence !== undefined && { persistence }),
        ...(persistencePrefix !== undefined && persistence !== undefined && persistencePrefix !== (own === 6 ? 128 : 32) && { persistencePrefix }),
        ...(sorry && { sorry }),
        realServers,
        lines,
      };
    });
  }

  function readRealServer(block: Statement, delayLoop: number, inhibit: boolean): RealServer[] {
    const [, a, b] = block.words;
    const value = address(a, block);
    if (value === undefined) return [];
    const server: RealServer = {
      address: value,
      ...(b && { port: number(b, 0, 65535, block) }),
      weight: keepalivedDefaults.weight,
      checks: [],
      inhibitOnFailure: inhibit,
      span: spanOf(block),
      lines: [],
    };
    if (server.port === 0 || server.port === undefined) delete server.port;
    for (const s of block.block ?? []) {
      const key = s.words[0]!.text;
      if (key === 'weight') server.weight = number(s.words[1], 0, 65535, s) ?? server.weight;
      else if (key === 'inhibit_on_failure') server.inhibitOnFailure = true;
      else if (checkTypes[key]) server.checks.push(readCheck(s, checkTypes[key], delayLoop));
      else server.lines.push(line(s));
    }
    return [server];
  }

  function readCheck(block: Statement, type: CheckType, delayLoop: number): Check {
    const check: Check = {
      type,
      span: spanOf(block),
      urls: [],
      timeout: type === 'misc' ? keepalivedDefaults.miscTimeout : keepalivedDefaults.connectTimeout,
      interval: delayLoop,
      retries: keepalivedDefaults.retries,
      delayBeforeRetry: NaN,
      lines: [],
    };
    if (type === 'dns') {
      check.dnsName = keepalivedDefaults.dnsName;
      check.dnsType = keepalivedDefaults.dnsType;
    }
    const extra: Line[] = [];
    for (const s of block.block ?? []) {
      const [k, a] = s.words;
      switch (k!.text) {
        case 'connect_port':
          check.port = number(a, 1, 65535, s);
          break;
        case 'connect_timeout':
        case 'misc_timeout':
          check.timeout = number(a, 0.001, 3600, s, true) ?? check.timeout;
          break;
        case 'retry':
        case 'nb_get_retry':
          check.retries = number(a, 0, 1000, s) ?? check.retries;
          break;
        case 'delay_before_retry':
          check.delayBeforeRetry = number(a, 0, 3600, s, true) ?? NaN;
          break;
        case 'delay_loop':
          check.interval = number(a, 0.001, 86400, s, true) ?? check.interval;
          break;
        case 'connect_ip':
          check.connectIp = address(a, s);
          break;
        case 'bindto':
          check.bindto = address(a, s);
          break;
        case 'misc_path':
          check.script = a?.text;
          break;
        case 'virtualhost':
          if ((type === 'http' || type === 'https') && a) check.virtualHost = a.text;
          else extra.push(line(s));
          break;
        case 'name':
          if (type === 'dns' && a) check.dnsName = a.text;
          else extra.push(line(s));
          break;
        case 'type':
          if (type === 'dns' && a) check.dnsType = a.text;
          else extra.push(line(s));
          break;
        case 'url': {
          const url = { path: '/', status: [] as number[] } as { path: string; status: number[]; digest?: string };
          for (const u of s.block ?? []) {
            const [uk, ...values] = u.words;
            if (uk!.text === 'path' && values[0]) url.path = values[0].text;
            else if (uk!.text === 'digest' && values[0]) url.digest = values[0].text.toLowerCase();
            else if (uk!.text === 'status_code') url.status.push(...statusCodes(values));
            else extra.push(line(u));
          }
          url.status.sort((x, y) => x - y);
          check.urls.push(url);
          break;
        }
        default:
          extra.push(line(s));
      }
    }
    if (Number.isNaN(check.delayBeforeRetry)) check.delayBeforeRetry = keepalivedDefaults.delayBeforeRetry(type, check.interval);
    check.lines = extra;
    return check;
  }
}

/** `status_code 200 301-302`: every code listed, ranges expanded. */
function statusCodes(words: Word[]): number[] {
  const out: number[] = [];
  for (const w of words) {
    const m = /^(\d{3})(?:-(\d{3}))?$/.exec(w.text);
    if (!m) continue;
    for (let c = Number(m[1]); c <= Number(m[2] ?? m[1]); c++) out.push(c);
  }
  return out;
}
