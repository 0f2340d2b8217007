// Reads `ipvsadm-save -n` / `ipvsadm -Sn` output and shell scripts of `ipvsadm -A/-a` commands into a Director.
import { SourceFile } from '../source/source-file.js';
import { keepalivedDefaults, type Director, type Method, type Protocol, type VirtualServer } from './model.js';
import { canonicalAddress, familyOf, netmaskPrefix } from './net.js';
import { importProblem, type ImportProblem } from './problems.js';

const protocolFlags: Record<string, Protocol> = {
  '-t': 'tcp',
  '--tcp-service': 'tcp',
  '-u': 'udp',
  '--udp-service': 'udp',
  '--sctp-service': 'sctp',
};
const methodFlags: Record<string, Method> = { '-g': 'dr', '--gatewaying': 'dr', '-i': 'tun', '--ipip': 'tun', '-m': 'nat', '--masquerading': 'nat' };

/** True when the text looks like ipvsadm rules (a line starting `-A` or a command `ipvsadm -A`). */
export function looksLikeIpvsadm(text: string): boolean {
  return /^\s*(?:sudo\s+)?(?:\S*ipvsadm\s+)?(-A|-At|-Au|-Af|--add-service)\s/m.test(text);
}

/** `addr:port` or `[v6]:port` of an ipvsadm service or real server. */
function endpoint(text: string): { address: string; port?: number } | undefined {
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(text) ?? /^([^:]+)(?::(\d+))?$/.exec(text);
  const address = m && canonicalAddress(m[1]!);
  if (!m || !address) return undefined;
  return { address, ...(m[2] !== undefined && Number(m[2]) > 0 && { port: Number(m[2]) }) };
}

export function readIpvsadm(source: SourceFile, problems: ImportProblem[]): Director {
  const director: Director = {
    file: source.name,
    source: 'ipvsadm',
    garp: { ...keepalivedDefaults.garp },
    vrrp: [],
    virtualServers: [],
    lines: [],
    blocks: [],
  };
  const byKey = new Map<string, VirtualServer>();
  let offset = 0;
  for (const raw of source.text.split('\n')) {
    const start = offset;
    offset += raw.length + 1;
    const text = raw.replace(/#.*$/, '').replace(/\s+$/, '');
    const words: { text: string; at: number }[] = [];
    for (const m of text.matchAll(/\S+/g)) words.push({ text: m[0], at: start + m.index });
    // Script lines: `ipvsadm -A ...`, `/sbin/ipvsadm ...`, `$IPVSADM ...`, each maybe after `sudo`; other commands are not rules.
    if (words[0]?.text === 'sudo' && words[1] && !words[1].text.startsWith('-')) words.shift();
    if (words[0] && !words[0].text.startsWith('-')) {
      if (/ipvsadm['"]?$/i.test(words[0].text) || /^\$\{?IPVSADM\}?$/.test(words[0].text)) words.shift();
      else continue;
    }
    if (!words.length) continue;
    // `-At 10.0.0.1:80` is `-A -t 10.0.0.1:80`: ipvsadm's getopt takes bundled short options.
    const bundled = /^-([AaEe])([tuf])$/.exec(words[0]!.text);
    if (bundled) words.splice(0, 1, { text: `-${bundled[1]}`, at: words[0]!.at }, { text: `-${bundled[2]}`, at: words[0]!.at + 2 });
    const at = (i: number) => source.spanOf(words[i]!.at, words[i]!.at + words[i]!.text.length);
    const fail = (i: number, message: string): false => {
      problems.push(importProblem('LVS407', message, at(Math.min(i, words.length - 1)), 'see ipvsadm(8); `ipvsadm-save -n` prints rules lvscc import reads'));
      return false;
    };
    const op = words[0]!.text;
    if (op === '-C' || op === '--clear' || op === '-Z' || op === '--zero' || op === '-L' || op === '-l' || op === '-S' || op === '-Sn' || op === '-R') continue;
    if (op !== '-A' && op !== '--add-service' && op !== '-a' && op !== '--add-server' && op !== '-E' && op !== '-e') {
      problems.push(
        importProblem(
          'LVS407',
          `ipvsadm ${op} is not a command lvscc import reads`,
          at(0),
          'keep -A (add service) and -a (add real server) lines; -C, -Z and listings are skipped',
        ),
      );
      continue;
    }
    let key: string | undefined;
    let service: Partial<VirtualServer> & { family?: 4 | 6 } = {};
    let real: { address: string; port?: number } | undefined;
    let method: Method = 'dr';
    let weight = keepalivedDefaults.weight;
    let ok = true;
    let v6 = false;
    let tunnel: { type?: string; port?: number; checksum?: string } | undefined;
    for (let i = 1; i < words.length && ok; i++) {
      const flag = words[i]!.text;
      const value = words[i + 1]?.text;
      if (protocolFlags[flag]) {
        const e = value === undefined ? undefined : endpoint(value);
        if (!e) ok = fail(i + 1 < words.length ? i + 1 : i, `${flag} needs ADDRESS:PORT`);
        else {
          service = { address: e.address, ...(e.port && { port: e.port }), protocol: protocolFlags[flag], family: familyOf(e.address) };
          key = `${protocolFlags[flag]} ${familyOf(e.address) === 6 ? `[${e.address}]` : e.address}:${e.port ?? 0}`;
        }
        i++;
      } else if (flag === '-f' || flag === '--fwmark-service') {
        const mark = Number(value);
        if (!Number.isInteger(mark) || mark < 1) ok = fail(i, '-f needs a firewall mark');
        else {
          service = { fwmark: mark, protocol: 'tcp' };
          key = `fwmark ${mark}`;
        }
        i++;
      } else if (flag === '-6' || flag === '--ipv6') v6 = true;
      else if (flag === '-s' || flag === '--scheduler') {
        service.scheduler = value;
        i++;
      } else if (flag === '-p' || flag === '--persistent') {
        service.persistence = 300;
        if (value !== undefined && /^\d+$/.test(value)) {
          service.persistence = Number(value);
          i++;
        }
      } else if (flag === '-M' || flag === '--netmask') {
        const prefix = value === undefined ? undefined : netmaskPrefix(value);
        if (prefix === undefined) ok = fail(i, '-M needs a netmask');
        else service.persistencePrefix = prefix;
        i++;
      } else if (flag === '-r' || flag === '--real-server') {
        real = value === undefined ? undefined : endpoint(value);
        if (!real) ok = fail(i, '-r needs ADDRESS[:PORT]');
        i++;
      } else if (methodFlags[flag]) method = methodFlags[flag];
      else if (flag === '-w' || flag === '--weight') {
        weight = Number(value);
        if (!Number.isInteger(weight) || weight < 0 || weight > 65535) ok = fail(i, '-w needs a weight from 0 to 65535');
        i++;
      } else if (flag === '--tun-type' || flag === '--tun-port') {
        tunnel = { ...tunnel, ...(flag === '--tun-type' ? { type: value ?? 'ipip' } : { port: Number(value) }) };
        i++;
      } else if (flag === '--tun-nocsum' || flag === '--tun-csum' || flag === '--tun-remcsum') {
        if (flag !== '--tun-nocsum') tunnel = { ...tunnel, checksum: flag.slice(6) };
      } else if (
        flag === '-x' ||
        flag === '-y' ||
        flag === '-b' ||
        flag === '--u-threshold' ||
        flag === '--l-threshold' ||
        flag === '--sched-flags' ||
        flag === '-O' ||
        flag === '--pe'
      ) {
        director.lines.push({ words: [flag, value ?? ''], span: at(i) });
        i++;
      } else ok = fail(i, `unknown ipvsadm option ${flag}`);
    }
    if (!ok) continue;
    if (!key) {
      fail(0, `ipvsadm ${op} names no service (-t, -u, --sctp-service or -f)`);
      continue;
    }
    if (v6 && service.fwmark !== undefined) key += ' inet6';
    if (op === '-A' || op === '--add-service' || op === '-E' || op === '-e') {
      const existing = byKey.get(key);
      const vs: VirtualServer = {
        key,
        span: at(0),
        ...(service.address !== undefined && { address: service.address }),
        ...(service.port !== undefined && { port: service.port }),
        ...(service.fwmark !== undefined && { fwmark: service.fwmark }),
        family: service.family ?? (v6 ? 6 : 4),
        protocol: service.protocol ?? 'tcp',
        scheduler: service.scheduler ?? keepalivedDefaults.scheduler,
        method: 'dr',
        ...(service.persistence !== undefined && { persistence: service.persistence }),
        ...(service.persistencePrefix !== undefined &&
          service.persistencePrefix !== ((service.family ?? 4) === 6 ? 128 : 32) && { persistencePrefix: service.persistencePrefix }),
        realServers: existing?.realServers ?? [],
        lines: [],
      };
      if (!existing) director.virtualServers.push(vs);
      else Object.assign(existing, { ...vs, span: existing.span });
      byKey.set(key, existing ?? vs);
      continue;
    }
    const vs = byKey.get(key);
    if (!vs || !real) {
      fail(0, vs ? '-a needs -r ADDRESS[:PORT]' : `-a adds a real server to ${key}, which no -A line before it adds`);
      continue;
    }
    vs.realServers.push({ address: real.address, ...(real.port && { port: real.port }), weight, checks: [], inhibitOnFailure: false, span: at(0), lines: [] });
    // ipvsadm has one method per real server; the topology one per service: the first sets it.
    if (vs.realServers.length === 1) {
      vs.method = method;
      if (method === 'tun' && tunnel)
        vs.tunnel = { type: tunnel.type ?? 'ipip', ...(tunnel.port && { port: tunnel.port }), ...(tunnel.checksum && { checksum: tunnel.checksum }) };
    } else if (vs.method !== method)
      vs.lines.push({ words: [`real server ${real.address} forwards by ${method}, the service's first by ${vs.method}`], span: at(0) });
  }
  return director;
}
