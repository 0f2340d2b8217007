// The round-trip comparator: imports, builds, reads back each director's generated keepalived.conf (or ipvsadm
// rules) and lists where its meaning differs from the original's: services, real servers, checks, VRRP, lines.
import { compile } from '../compile.js';
import { SourceFile } from '../source/source-file.js';
import { importFiles, type ConfigFiles, type ImportOptions, type ImportResult } from './index.js';
import { readIpvsadm } from './ipvsadm.js';
import { readKeepalivedConf } from './keepalived-conf.js';
import { keepalivedMeaning } from './keepalived-meaning.js';
import type { Check, Director, Line, VirtualServer } from './model.js';
import type { ImportProblem } from './problems.js';

/** One difference of meaning: where (a path of keys), what the original says and what the build says. */
export interface Difference {
  director: string;
  path: string;
  original: string;
  rebuilt: string;
}

export interface Comparison {
  imported: ImportResult;
  /** Differences of meaning (LVS411). */
  differences: Difference[];
  /** Differences lvscc makes on purpose, each with why (reported, not failing the round trip). */
  accepted: (Difference & { reason: string })[];
  /** Set when the topology did not build (then there is nothing to compare). */
  buildErrors?: string[];
}

type Meaning = Record<string, unknown>;

const lineText = (l: Line): string => l.words.map((w) => (/\s/.test(w) ? `"${w}"` : w)).join(' ');
const lines = (ls: Line[]): string[] => ls.map(lineText).sort();

/** Accepted status codes: `2xx` for none listed (keepalived's default) or exactly 200-299, else ranges. */
function statusText(codes: number[]): string {
  if (!codes.length || (codes.length === 100 && codes[0] === 200 && codes[99] === 299)) return '2xx';
  const out: string[] = [];
  for (let i = 0; i < codes.length;) {
    let j = i;
    while (j + 1 < codes.length && codes[j + 1] === codes[j]! + 1) j++;
    out.push(j > i ? `${codes[i]}-${codes[j]}` : String(codes[i]));
    i = j + 1;
  }
  return out.join(',');
}

function checkMeaning(c: Check, servicePort: number | undefined, realPort: number | undefined): Meaning {
  return {
    type: c.type,
    port: c.type === 'misc' || c.type === 'ping' ? '-' : (c.port ?? realPort ?? servicePort ?? '-'),
    urls: c.urls.map((u) => `${u.path} status ${statusText(u.status)}${u.digest ? ` digest ${u.digest}` : ''}`),
    timeout: c.timeout,
    interval: c.interval,
    retries: c.retries,
    delayBeforeRetry: c.delayBeforeRetry,
    script: c.script ?? '-',
    dns: c.type === 'dns' ? `${c.dnsType} ${c.dnsName}` : '-',
    connectIp: c.connectIp ?? '-',
    bindto: c.bindto ?? '-',
    virtualHost: c.virtualHost ?? '-',
    lines: lines(c.lines),
  };
}

function serviceMeaning(vs: VirtualServer): Meaning {
  const real: Meaning = {};
  for (const r of vs.realServers) {
    // DR and TUN keep the service port whatever the real server says (the kernel ignores it).
    const port = vs.method === 'nat' ? (r.port ?? vs.port) : vs.port;
    real[`${r.address}${port ? `:${port}` : ''}`] = {
      weight: r.weight,
      inhibitOnFailure: r.checks.length ? r.inhibitOnFailure : '-',
      checks: r.checks.map((c) => checkMeaning(c, vs.port, r.port)),
      lines: lines(r.lines),
    };
  }
  return {
    protocol: vs.protocol,
    scheduler: vs.scheduler,
    method: vs.method,
    // A TUN service without a tunnel type is IP-in-IP, in keepalived and ipvsadm alike.
    tunnel:
      vs.method !== 'tun'
        ? '-'
        : !vs.tunnel
          ? 'ipip'
          : vs.tunnel
            ? `${vs.tunnel.type}${vs.tunnel.port ? ` port ${vs.tunnel.port}` : ''}${vs.tunnel.checksum ? ` ${vs.tunnel.checksum}` : ''}`
            : '-',
    persistence: vs.persistence ?? '-',
    persistenceNetmask: vs.persistence !== undefined ? (vs.persistencePrefix ?? (vs.family === 6 ? 128 : 32)) : '-',
    sorryServer: vs.sorry ? `${vs.sorry.address}${vs.sorry.port ? `:${vs.sorry.port}` : ''}` : '-',
    realServers: real,
    lines: lines(vs.lines),
  };
}

/** A director's meaning as nested records of strings and numbers: what two directors are compared by. */
export function meaningOf(d: Director): Meaning {
  const services: Meaning = {};
  // keepalived skips a virtual server without real servers; ipvsadm's (and ldirectord's) is a service without destinations.
  for (const vs of d.virtualServers) if (vs.realServers.length || d.source !== 'keepalived') services[vs.key] = serviceMeaning(vs);
  const vrrp: Meaning = {};
  for (const v of d.vrrp)
    vrrp[`virtual_router_id ${v.virtualRouterId} on ${v.interface ?? '-'}`] = {
      interface: v.interface ?? '-',
      priority: v.priority,
      advertInterval: v.advertInterval,
      auth: v.authType ? `${v.authType} ${v.authType === 'PASS' ? (v.authPassword ?? '').slice(0, 8) : ''}`.trim() : '-',
      // An address with a subnet prefix is held with it (LVS220); a host prefix is the same as none.
      addresses: [...v.addresses, ...v.excluded]
        .map((a) => (a.prefix === undefined || a.prefix === (a.address.includes(':') ? 128 : 32) ? a.address : `${a.address}/${a.prefix}`))
        .sort(),
      unicastPeers: v.unicastPeers,
      preempt: v.preempt,
      preemptDelay: v.preempt ? (v.preemptDelay ?? 0) : '-',
      trackInterfaces: v.trackInterfaces.map((t) => (t.weight === undefined ? t.name : `${t.name} weight ${t.weight}`)).sort(),
      lines: lines(v.lines),
    };
  // Instances are named differently by the import (the first after the cluster): groups and the sync daemon name them by router id and interface.
  const keyOf = (name: string | undefined): string | undefined => {
    const v = d.vrrp.find((i) => i.name === name);
    return v && `virtual_router_id ${v.virtualRouterId} on ${v.interface ?? '-'}`;
  };
  const followed = keyOf(d.syncDaemon?.instance);
  return {
    services,
    vrrp,
    syncGroups: (d.syncGroups ?? [])
      .map((g) =>
        g.instances
          .map(keyOf)
          .filter((k): k is string => k !== undefined)
          .sort()
          .join(' + '),
      )
      .filter((g) => g.includes(' + '))
      .sort(),
    connectionSync: d.syncDaemon ? `on ${d.syncDaemon.interface}${followed && d.vrrp.length > 1 ? ` following ${followed}` : ''}` : '-',
    alertRecipients: d.alertRecipients?.addresses ?? [],
    globalLines: lines(d.lines),
  };
}

function diff(director: string, path: string, a: unknown, b: unknown, out: Difference[]): void {
  const show = (v: unknown): string => (v === undefined ? '(absent)' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.every((x) => typeof x !== 'object') && b.every((x) => typeof x !== 'object')) {
      const missing = a.filter((x) => !b.includes(x));
      const extra = b.filter((x) => !a.includes(x));
      for (const x of missing) out.push({ director, path, original: String(x), rebuilt: '(absent)' });
      for (const x of extra) out.push({ director, path, original: '(absent)', rebuilt: String(x) });
      return;
    }
    for (let i = 0; i < Math.max(a.length, b.length); i++) diff(director, `${path}[${i}]`, a[i], b[i], out);
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) diff(director, path ? `${path} / ${k}` : k, (a as Meaning)[k], (b as Meaning)[k], out);
    return;
  }
  if (show(a) !== show(b)) out.push({ director, path, original: show(a), rebuilt: show(b) });
}

/**
 * Why lvscc adds a global_defs line the original lacks, when that is on purpose: whenever a script runs, lvscc
 * runs it as root under `enable_script_security` (keepalived's advice: without it keepalived runs, as root, a
 * script any user may replace, and only logs "SECURITY VIOLATION"). Not when the original names a script_user.
 */
function acceptedAddition(original: Director, d: Difference): string | undefined {
  if (d.path !== 'globalLines' || d.original !== '(absent)' || !['script_user root', 'enable_script_security'].includes(d.rebuilt)) return undefined;
  if (original.lines.some((l) => l.words[0] === 'script_user')) return undefined;
  return 'lvscc runs every script as root under enable_script_security, as keepalived advises (the original runs them as keepalived_script if that user exists, else root, even one a non-root user can replace)';
}

/** Reads a generated keepalived.conf (or ipvsadm.rules) back into a Director. */
function readBack(path: string, text: string, kind: 'keepalived' | 'ipvsadm'): Director {
  const problems: ImportProblem[] = [];
  if (kind === 'ipvsadm') return readIpvsadm(new SourceFile(path, text), problems);
  const files: ConfigFiles = { read: (p) => (p === path ? text : undefined), list: () => undefined };
  const parsed = readKeepalivedConf(path, files);
  return keepalivedMeaning(path, parsed.statements, problems);
}

/** Imports `paths`, builds the topology and compares each director's generated configuration with its original. */
export function compareRoundTrip(paths: string[], files: ConfigFiles, options: ImportOptions = {}): Comparison {
  const imported = importFiles(paths, files, options);
  if (!imported.yaml) return { imported, differences: [], accepted: [] };
  const built = compile(imported.yaml, { fileName: 'imported.yaml' });
  if (!built.manifest)
    return {
      imported,
      differences: [],
      accepted: [],
      buildErrors: built.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`),
    };
  const differences: Difference[] = [];
  const accepted: Comparison['accepted'] = [];
  for (const original of imported.directors) {
    const name = imported.directorOf.get(original.file)!;
    const keepalived = built.files.find((f) => f.host === name && f.path.endsWith('/keepalived/keepalived.conf'));
    const rules = built.files.find((f) => f.host === name && f.path.endsWith('/ipvsadm.rules'));
    const file = keepalived ?? rules;
    if (!file) {
      differences.push({ director: name, path: '', original: original.file, rebuilt: '(no keepalived.conf or ipvsadm rules built)' });
      continue;
    }
    const rebuilt = readBack(file.path, file.content, keepalived ? 'keepalived' : 'ipvsadm');
    const a = meaningOf(original);
    const b = meaningOf(rebuilt);
    // ipvsadm rules carry no checks, VRRP or keepalived lines: compare what they say.
    if (!keepalived) {
      for (const m of [a, b]) {
        delete m.vrrp;
        delete m.globalLines;
        delete m.connectionSync;
        delete m.alertRecipients;
      }
    }
    const found: Difference[] = [];
    diff(name, '', a, b, found);
    for (const d of found) {
      const reason = acceptedAddition(original, d);
      if (reason) accepted.push({ ...d, reason });
      else differences.push(d);
    }
  }
  return { imported, differences, accepted };
}

/** One line per difference: `director: path: original -> rebuilt`. */
export function formatDifference(d: Difference): string {
  return `${d.director}: ${d.path}: ${d.original} -> ${d.rebuilt}`;
}
