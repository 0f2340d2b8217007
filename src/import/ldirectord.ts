// Reads ldirectord.cf (global `key=value` lines, `virtual=` blocks of indented lines) into a Director, with
// ldirectord's defaults (ldirectord(8)): checktimeout 5, checkinterval 10, quiescent yes, scheduler wrr.
import type { Span } from '../diagnostics/types.js';
import { SourceFile } from '../source/source-file.js';
import { keepalivedDefaults, type Check, type CheckType, type Director, type Line, type Method, type RealServer, type VirtualServer } from './model.js';
import { canonicalAddress, familyOf, netmaskPrefix } from './net.js';
import { importProblem, type ImportProblem } from './problems.js';

const methods: Record<string, Method> = { gate: 'dr', masq: 'nat', ipip: 'tun' };

/** The options of ldirectord's database check (mysql, pgsql, oracle): one reason for all three. */
const DATABASE_CHECK =
  "ldirectord's negotiate check of a database logs in and runs a query; the topology checks a TCP connect to the port (a misc check script can run the query)";
/** Why an option of ldirectord(8) that the reader does not map is lost (keepalived and the topology have none). */
const lostOptions: Record<string, string> = {
  receive:
    'ldirectord also wanted this text in the response; the topology checks the status code only (keepalived would need its PCRE `regex`), so a server that answers another page stays in',
  httpmethod: 'ldirectord sent its check with this HTTP method; keepalived sends GET',
  login: DATABASE_CHECK,
  passwd: DATABASE_CHECK,
  database: DATABASE_CHECK,
  secret: "ldirectord's RADIUS check used this secret; the topology checks a connect to the port",
  logfile: 'a setting of the ldirectord daemon itself; keepalived logs to syslog',
  autoreload: "a setting of the ldirectord daemon itself; the bundle's manifest reloads keepalived when its file changes",
  callback: "a setting of the ldirectord daemon itself; the bundle's manifest reloads keepalived when its file changes",
  fork: 'a setting of the ldirectord daemon itself (one process per virtual service); keepalived checks every server from one process',
  supervised: 'a setting of the ldirectord daemon itself; systemd supervises keepalived',
  maintenancedir: 'ldirectord took a server out while a file named after it existed there; set its weight to 0 in the topology instead',
  cleanstop: "ldirectord's stop left or removed its IPVS services; keepalived's drop-in in the bundle keeps them over a planned stop",
  readdquiescent: 'ldirectord re-added quiescent servers at start; keepalived starts each server as its check finds it',
  emailalert: "a virtual service's own alert address: the topology's `alertRecipients` is one list for the cluster (a global emailalert= fills it)",
  emailalertfreq: 'ldirectord repeated its alert mail this often; keepalived mails once per change',
  emailalertstatus: 'ldirectord chose which states it mailed about; keepalived mails every change',
  execute: 'ldirectord ran this configuration from an init script of its own',
};
/** The options the reader maps (in a virtual= block, or globally as every block's default); `receive` is reported lost by the check. */
const readOptions = new Set([
  'protocol',
  'scheduler',
  'persistent',
  'netmask',
  'quiescent',
  'fallback',
  'checktype',
  'service',
  'request',
  'receive',
  'virtualhost',
  'checkport',
  'checktimeout',
  'checkinterval',
  'negotiatetimeout',
  'connecttimeout',
  'checkcommand',
  'checkcount',
  'failurecount',
]);
/** A value not to print in the import report. */
const hidden = new Set(['passwd', 'secret']);
const lost = (key: string, value: string, span: Span): { line: Line; reason: string } => ({
  line: { words: [key, hidden.has(key) ? '(hidden)' : value], span },
  reason: lostOptions[key] ?? `${key} is not an option the import knows in ldirectord(8), and not in the topology format`,
});
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
    unmapped: [],
  };
  const global = new Map<string, string>();
  const globalSpans = new Map<string, Span>();
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
    else {
      global.set(key, value);
      globalSpans.set(key, span);
    }
  }
  for (const block of blocks) finish(block);
  // Alerts: ldirectord mails real servers' state changes, as keepalived's notification_email does (through smtp=).
  const alert = global.get('emailalert');
  if (alert) director.alertRecipients = { addresses: alert.split(/[\s,]+/).filter(Boolean), span: globalSpans.get('emailalert')! };
  const smtp = global.get('smtp');
  if (smtp) director.lines.push({ words: ['smtp_server', smtp], span: globalSpans.get('smtp')! });
  // A global option is every virtual service's default: read there (get), or lost once here.
  for (const [key, value] of global)
    if (!readOptions.has(key) && key !== 'emailalert' && key !== 'smtp') director.unmapped!.push(lost(key, value, globalSpans.get(key)!));
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
    const check = checkOf(get, vs, (key) => options.get(key)?.line.span ?? globalSpans.get(key) ?? vs.span);
    for (const option of reals) {
      const server = realServer(option.value, option.line, quiescent, check);
      if (!server) continue;
      vs.realServers.push(server.real);
      if (vs.realServers.length === 1) vs.method = server.method;
    }
    const fallback = get('fallback');
    const sorry = fallback === undefined ? undefined : endpoint(fallback.split(/\s+/)[0]!);
    if (sorry) vs.sorry = { address: sorry.address, ...(sorry.port && { port: sorry.port }) };
    for (const [key, option] of options) if (!readOptions.has(key)) director.unmapped!.push(lost(key, option.value, option.line.span));
  }

  function checkOf(get: (key: string) => string | undefined, vs: VirtualServer, spanOf: (key: string) => Span): Check | undefined {
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
      // The Host header of the check's request, as keepalived's HTTP_GET `virtualhost` says it.
      const host = get('virtualhost');
      if (host) check.virtualHost = host;
      if (get('receive')) director.unmapped!.push(lost('receive', get('receive')!, spanOf('receive')));
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
