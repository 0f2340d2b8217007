// What an imported director runs, by meaning and independent of the file format it came from (keepalived.conf,
// ipvsadm rules, ldirectord.cf): the readers fill it with the tool's defaults, the mapper and comparator read it.
import type { Span } from '../diagnostics/types.js';

export type Protocol = 'tcp' | 'udp' | 'sctp';
export type Method = 'nat' | 'dr' | 'tun';
export type CheckType = 'tcp' | 'http' | 'https' | 'udp' | 'dns' | 'misc' | 'smtp' | 'ping';

/** One `url` of an HTTP or SSL check: the path, the accepted status codes (empty: any 2xx) and the digest. */
export interface CheckUrl {
  path: string;
  status: number[];
  digest?: string;
}

/** A health check of one real server; timings in seconds, keepalived's defaults filled in. */
export interface Check {
  type: CheckType;
  span: Span;
  port?: number;
  urls: CheckUrl[];
  timeout: number;
  interval: number;
  retries: number;
  delayBeforeRetry: number;
  script?: string;
  dnsName?: string;
  dnsType?: string;
  /** Address the check probes instead of the real server's (keepalived `connect_ip`). */
  connectIp?: string;
  /** Source address of the check (keepalived `bindto`). */
  bindto?: string;
  /** Host header of an HTTP check (keepalived `virtualhost` in HTTP_GET/SSL_GET, ldirectord `virtualhost=`). */
  virtualHost?: string;
  /** Lines of the checker block not read into fields. */
  lines: Line[];
}

/** A keyword line kept as written, for pass-through or the report. */
export interface Line {
  words: string[];
  span: Span;
}

export interface RealServer {
  address: string;
  port?: number;
  weight: number;
  checks: Check[];
  inhibitOnFailure: boolean;
  span: Span;
  lines: Line[];
}

export interface VirtualServer {
  /** `tcp 10.0.0.1:80` or `fwmark 1`: what the comparator matches on. */
  key: string;
  span: Span;
  address?: string;
  port?: number;
  fwmark?: number;
  /** The `virtual_server_group` this service is one address (or fwmark) of; undefined: a virtual_server of its own. */
  group?: string;
  family: 4 | 6;
  protocol: Protocol;
  scheduler: string;
  method: Method;
  tunnel?: { type: string; port?: number; checksum?: string };
  persistence?: number;
  persistencePrefix?: number;
  sorry?: { address: string; port?: number };
  realServers: RealServer[];
  lines: Line[];
}

export interface VipAddress {
  address: string;
  prefix?: number;
  device?: string;
  /** The entry's other words (`label eth0:1`, `scope link`, `no_track`, ...), which the topology does not state. */
  options?: Line;
  span: Span;
}

export interface VrrpInstance {
  name: string;
  span: Span;
  state: 'MASTER' | 'BACKUP';
  interface?: string;
  virtualRouterId: number;
  priority: number;
  advertInterval: number;
  authType?: 'PASS' | 'AH';
  authPassword?: string;
  addresses: VipAddress[];
  excluded: VipAddress[];
  unicastSource?: string;
  unicastPeers: string[];
  multicastSource?: string;
  preempt: boolean;
  preemptDelay?: number;
  /** `track_interface { }` entries: the name and, when written, `weight N` (a priority change instead of FAULT). */
  trackInterfaces: { name: string; weight?: number; span: Span }[];
  lines: Line[];
}

/** A `vrrp_sync_group`: instances that fail over together, by name as written. */
export interface SyncGroup {
  name: string;
  span: Span;
  instances: string[];
  /** Lines of the block besides its members (notify scripts, tracking). */
  lines: Line[];
}

/** Gratuitous ARP timing of global_defs, keepalived's defaults filled in. */
export interface Garp {
  delay: number;
  repeat: number;
  refresh: number;
  refreshRepeat: number;
}

/** What one imported file says a director runs. */
export interface Director {
  /** The file it was read from. */
  file: string;
  /** The tool whose configuration it was. */
  source: 'keepalived' | 'ipvsadm' | 'ldirectord';
  routerId?: string;
  routerIdSpan?: Span;
  syncDaemon?: { interface: string; instance?: string };
  garp: Garp;
  vrrp: VrrpInstance[];
  virtualServers: VirtualServer[];
  /** global_defs `notification_email { }` addresses, in the order written; undefined: none. */
  alertRecipients?: { addresses: string[]; span: Span };
  /** global_defs lines not read into fields. */
  lines: Line[];
  /** `vrrp_sync_group` blocks: the instance names of each, and its other lines (keepalived.conf only). */
  syncGroups?: SyncGroup[];
  /** Top-level statements other than global_defs, vrrp_instance, vrrp_sync_group and virtual_server (their first line). */
  blocks: Line[];
  /** Lines of another tool's own that neither keepalived nor the topology has (ldirectord's options), each with why. */
  unmapped?: { line: Line; reason: string }[];
}

/** keepalived's defaults (keepalived 2.2, from its source and keepalived.conf(5)), in one place. */
export const keepalivedDefaults = {
  delayLoop: 60,
  scheduler: 'wlc',
  method: 'nat' as Method,
  protocol: 'tcp' as Protocol,
  weight: 1,
  connectTimeout: 5,
  retries: 1,
  /** delay_before_retry: 3 s for HTTP_GET and SSL_GET, 1 s for the others (DNS_CHECK: the delay_loop). */
  delayBeforeRetry: (type: CheckType, interval: number): number => (type === 'http' || type === 'https' ? 3 : type === 'dns' ? interval : 1),
  miscTimeout: 5,
  priority: 100,
  advertInterval: 1,
  garp: { delay: 5, repeat: 5, refresh: 0, refreshRepeat: 1 } satisfies Garp,
  dnsType: 'SOA',
  dnsName: '.',
};
