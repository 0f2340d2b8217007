// Reads ldirectord.cf (global `key=value` lines, `virtual=` blocks of indented lines) into a Director, with
// ldirectord's defaults (ldirectord(8)): checktimeout 5, checkinterval 10, quiescent yes, scheduler wrr.
import { SourceFile } from '../source/source-file.js';
import { keepalivedDefaults, type Check, type CheckType, type Director, type Line, type Method, type RealServer, type VirtualServer } from './model.js';
import { canonicalAddress, familyOf, netmaskPrefix } from './net.js';
import { importProblem, type ImportProblem } from './problems.js';

const methods: Record<string, Method> = { gate: 'dr', masq: 'nat', ipip: 'tun' };
const serviceChecks: Record<string, CheckType> = { http: 'http', https: 'https', smtp: 'smtp', dns: 'dns' };

/** True when the text looks like an ldirectord.cf (a `virtual=` line). */
export function looksLikeLdirectord(text: string): boolean {
  return /^\s*virtual\s*=/m.test(text);
}

export function readLdirectord(source: SourceFile, problems: ImportProblem[]): Director {
  const director: Director = {
    file: source.name,
    source: 'ldirectord',
    garp: { ...keepalivedDefaults.garp },
    vrrp: [],
    virtualServers: [],
    lines: [],
    blocks: [],
  };
  const global = new Map<string, string>();
  // A virtual= block: its options (the last of a key wins, as in ldirectord) and its real= lines, all kept.
  let current: { vs: VirtualServer; options: Map<string, { value: string; line: Line }>; reals: { value: string; line: Line }[] } | undefined;
  const blocks: NonNullable<typeof current>[] = [];
  let offset = 0;
  for (const raw of source.text.split('\n')) {
    const start = offset;
    offset += raw.length + 1;
    const text = raw.replace(/\s+#.*$|^\s*#.*$/, '').replace(/\s+$/, '');
    if (!text.trim()) continue;
    const m = /^(\s*)([A-Za-z_]+)\s*=\s*(.*)$/.exec(text);
    const indent = m?.[1] ?? '';
    const span = source.spanOf(start + indent.length, start + text.length);
    if (!m) {
      problems.push(
        importProblem('LVS408', 'expected `keyword = value`', span, 'see ldirectord(8): global options, then `virtual=` lines with indented options'),
      );
      continue;
    }
    const key = m[2]!.toLowerCase();
    const value = m[3]!.replace(/^"(.*)"$/, '$1');
    if (key === 'virtual') {
      const e = endpoint(value);
      const mark = /^\d+$/.test(value) ? Number(value) : undefined;
      if (!e && mark === undefined) {
        problems.push(importProblem('LVS408', `virtual= needs ADDRESS:PORT or a firewall mark, not ${value}`, span, 'write virtual=192.168.6.240:80'));
        current = undefined;
        continue;
      }
      const vs: VirtualServer = {
        key: '',
        span,
        ...(e ? { address: e.address, ...(e.port && { port: e.port }) } : { fwmark: mark! }),
        family: e ? familyOf(e.address) : 4,
        protocol: 'tcp',
        scheduler: 'wrr',
        method: 'dr',
        realServers: [],
        lines: [],
      };
      current = { vs, options: new Map(), reals: [] };
      blocks.push(current);
      director.virtualServers.push(vs);
    } else if (indent && current && key === 'real') current.reals.push({ value, line: { words: [key, value], span } });
    else if (indent && current) current.options.set(key, { value, line: { words: [key, value], span } });
    else if (indent)
      problems.push(importProblem('LVS408', `${key}= is indented but follows no virtual= line`, span, 'put it under a virtual= line, or unindent it'));
    else global.set(key, value);
  }
  for (const block of blocks) finish(block);
  for (const [key, value] of global)
    if (!['checktimeout', 'checkinterval', 'negotiatetimeout', 'connecttimeout', 'quiescent', 'checktype', 'checkcount', 'failurecount'].includes(key))
      director.lines.push({ words: [key, value], span: source.spanOf(0, 0) });
  return director;

  function finish({ vs, options, reals }: NonNullable<typeof current>): void {
    const get = (key: string): string | undefined => options.get(key)?.value ?? global.get(key);
    const protocol = get('protocol');
    if (protocol === 'udp' || protocol === 'tcp' || protocol === 'sctp') vs.protocol = protocol;
    if (get('scheduler')) vs.scheduler = get('scheduler')!;
    if (get('persistent')) vs.persistence = Number(get('persistent'));
    const netmask = get('netmask');
    const prefix = netmask === undefined ? undefined : netmaskPrefix(netmask);
    if (vs.persistence !== undefined && prefix !== undefined && prefix !== (vs.family === 6 ? 128 : 32)) vs.persistencePrefix = prefix;
    vs.key = vs.fwmark !== undefined ? `fwmark ${vs.fwmark}` : `${vs.protocol} ${vs.family === 6 ? `[${vs.address}]` : vs.address}:${vs.port ?? 0}`;
    const quiescent = (get('quiescent') ?? 'yes') === 'yes';
    const check = checkOf(get, vs);
    for (const option of reals) {
      const server = realServer(option.value, option.line, quiescent, check);
      if (!server) continue;
      vs.realServers.push(server.real);
      if (vs.realServers.length === 1) vs.method = server.method;
    }
    for (const [key, option] of options) {
      if (key === 'fallback') {
        const e = endpoint(option.value.split(/\s+/)[0]!);
        if (e) vs.sorry = { address: e.address, ...(e.port && { port: e.port }) };
      } else if (
        ![
          'protocol',
          'scheduler',
          'persistent',
          'netmask',
          'quiescent',
          'checktype',
          'service',
          'request',
          'receive',
          'checkport',
          'checktimeout',
          'checkinterval',
          'negotiatetimeout',
          'connecttimeout',
          'checkcommand',
        ].includes(key)
      )
        vs.lines.push(option.line);
    }
  }

  function checkOf(get: (key: string) => string | undefined, vs: VirtualServer): Check | undefined {
    const service = get('service')?.toLowerCase();
    const checktype = (get('checktype') ?? (service && serviceChecks[service] ? 'negotiate' : 'connect')).toLowerCase();
    if (checktype === 'off' || checktype === 'on') return undefined;
    const type: CheckType =
      checktype === 'ping'
        ? 'ping'
        : checktype === 'external'
          ? 'misc'
          : checktype === 'negotiate' && service && serviceChecks[service]
            ? serviceChecks[service]
            : vs.protocol === 'udp'
              ? 'udp'
              : 'tcp';
    const interval = Number(get('checkinterval') ?? 10);
    const timeout = Number(get(type === 'tcp' ? 'connecttimeout' : 'negotiatetimeout') ?? get('checktimeout') ?? 5);
    const check: Check = {
      type,
      span: vs.span,
      urls: [],
      timeout,
      interval,
      // ldirectord marks a server down at the first failed check unless checkcount / failurecount say more.
      retries: Number(get('failurecount') ?? get('checkcount') ?? 1) - 1,
      delayBeforeRetry: interval,
      lines: [],
      ...(get('checkport') && { port: Number(get('checkport')) }),
      ...(type === 'misc' && get('checkcommand') && { script: get('checkcommand') }),
    };
    if (type === 'http' || type === 'https') {
      check.urls.push({ path: `/${(get('request') ?? '').replace(/^\//, '')}`, status: [] });
      if (get('receive')) check.lines.push({ words: ['receive', get('receive')!], span: vs.span });
    }
    return check;
  }

  function realServer(value: string, line: Line, quiescent: boolean, check: Check | undefined): { real: RealServer; method: Method } | undefined {
    const [where, how, weight] = value.split(/\s+/);
    const e = where === undefined ? undefined : endpoint(where);
    if (!e) {
      problems.push(importProblem('LVS408', `real= needs ADDRESS[:PORT], not ${value}`, line.span, 'write real=192.168.6.2:80 gate'));
      return undefined;
    }
    return {
      real: {
        address: e.address,
        ...(e.port && { port: e.port }),
        weight: weight !== undefined && /^\d+$/.test(weight) ? Number(weight) : 1,
        checks: check ? [{ ...check, span: line.span }] : [],
        inhibitOnFailure: quiescent,
        span: line.span,
        lines: [],
      },
      method: methods[how ?? 'gate'] ?? 'dr',
    };
  }
}

/** Service names ldirectord resolves through getservbyname(3), as /etc/services numbers them (the common ones). */
const servicePorts: Record<string, number> = {
  ftp: 21,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  domain: 53,
  http: 80,
  www: 80,
  pop3: 110,
  nntp: 119,
  ntp: 123,
  imap: 143,
  imap2: 143,
  ldap: 389,
  https: 443,
  submission: 587,
  ldaps: 636,
  imaps: 993,
  pop3s: 995,
  mysql: 3306,
  sip: 5060,
};

/** `ADDRESS:PORT`, `[v6]:PORT` or `ADDRESS:SERVICE` (ldirectord takes a service name for the port). */
function endpoint(text: string): { address: string; port?: number } | undefined {
  const m = /^\[([^\]]+)\](?::([a-z0-9-]+))?$/.exec(text) ?? /^([^:]+)(?::([a-z0-9-]+))?$/.exec(text);
  const address = m && canonicalAddress(m[1]!);
  const port = m?.[2] === undefined ? undefined : /^\d+$/.test(m[2]) ? Number(m[2]) : servicePorts[m[2]];
  if (!m || !address || (m[2] !== undefined && port === undefined)) return undefined;
  return { address, ...(port !== undefined && port > 0 && { port }) };
}
