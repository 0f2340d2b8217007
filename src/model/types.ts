// The resolved, typed model of one topology: what lint rules read and targets render.
import type { Address, InterfaceAddress } from './address.js';
import type { TopologyInput } from './input.js';

export type Role = 'director' | 'real-server' | 'router';
export type Forwarding = 'tun' | 'dr' | 'nat';
export type Protocol = 'tcp' | 'udp' | 'sctp';
export type Manager = 'static' | 'keepalived';

/** Every model element keeps the JSON pointer of its source node, for diagnostics. */
export interface Located {
  pointer: string;
}

/** A line carried verbatim into keepalived.conf (a `keepalivedLines` entry), where it was written. */
export interface KeepalivedLine extends Located {
  text: string;
}

export interface Interface extends Located {
  name: string;
  addresses: (InterfaceAddress & Located)[];
  mtu?: number;
}

export interface Host extends Located {
  name: string;
  role: Role;
  interfaces: Interface[];
  /** Effective IPv4 default gateway (own or from defaults) and where it was written. */
  gateway?: Address & Located;
  gateway6?: Address & Located;
  /** VRRP priority (directors). */
  priority?: number;
}

export interface Router extends Located {
  name: string;
  /** `cisco-ios`: an IOS NAT snippet; `nftables`: a Linux router (nft ruleset, sysctl.d, networkd). */
  platform: NonNullable<TopologyInput['router']>['platform'];
  inside: { interface: string; address: InterfaceAddress } & Located;
  outside: { interface: string; address: InterfaceAddress } & Located;
}

export interface Member extends Located {
  /** The referenced name; `host` is undefined when no real server has it. */
  name: string;
  host?: Host;
  weight: number;
  /** Port on the real server; equals the service port unless set (undefined for fwmark services). */
  port?: number;
  /** True when the topology set `port` explicitly. */
  portSet: boolean;
  /** This member's check: the service's with the member's `healthCheck` fields over it; undefined: the service's. */
  healthCheck?: HealthCheck;
  /** True when the member writes `healthCheck` (LVS268: only over a service check). */
  healthCheckWritten?: true;
  /** Lines carried into this member's `real_server` block. Default none. */
  keepalivedLines: KeepalivedLine[];
}

/** A checker type of the format (`healthCheck.type`). */
export type HealthCheckType = 'tcp' | 'http' | 'https' | 'udp' | 'dns' | 'misc' | 'smtp' | 'ping' | 'none';

/** DNS record types a dns check can ask for (keepalived DNS_CHECK `type`). */
export type DnsQueryType = 'A' | 'AAAA' | 'NS' | 'CNAME' | 'SOA' | 'MX' | 'TXT';

export interface HealthCheck extends Located {
  type: HealthCheckType;
  port?: number;
  /** URL path of http/https checks. Default `/`. */
  path: string;
  /** HTTP status http/https checks expect. Default 200. */
  expectStatus: number;
  /** MD5 digest the body of `path` must have; undefined: not checked. */
  digest?: string;
  /**
   * What http/https checks fetch: `urls` as written, else one URL of `path`, `expectStatus` and `digest`.
   * Status codes are keepalived words: `200` or `200-299`.
   */
  urls: { path: string; statusCodes: string[]; digest?: string }[];
  /** Host header of http/https checks (keepalived `virtualhost`). */
  virtualHost?: string;
  /** Address the check connects to (keepalived `connect_ip`); undefined: the real server's. */
  address?: Address & Located;
  /** Director address the check connects from (keepalived `bindto`). */
  sourceAddress?: Address & Located;
  /** Name a dns check asks for. Default `.`. */
  queryName: string;
  /** Record type a dns check asks for. Default `SOA`. */
  queryType: DnsQueryType;
  /** Absolute path of the program a misc check runs (the schema requires it with `type: misc`). */
  script?: string;
  /** Connect/reply timeout, or the script's run time for misc, in seconds. Default 3 (5 for udp). */
  timeout: number;
  /** Seconds between checks (keepalived `delay_loop`). Default 6. */
  interval: number;
  /** Further attempts after a failed check (keepalived `retry`): the server fails after retries + 1 failures. Default 1. */
  retries: number;
  /** Seconds before a retry (keepalived `delay_before_retry`); undefined: keepalived's default for the checker. */
  delayBeforeRetry?: number;
  /** Add a real server only once its first check passes (keepalived `alpha`). Default false. */
  startDown: boolean;
  /** Check only while holding the VIP (keepalived `ha_suspend`). Default false. */
  suspendOnBackup: boolean;
  /** Weight 0 instead of removal when the check fails (keepalived `inhibit_on_failure`). Default true. */
  inhibitOnFailure: boolean;
  /** Keys written in the topology (defaults fill the rest), in document order; LVS219 reads it. */
  written: string[];
  /** Lines carried into each real server's checker block. Default none. */
  keepalivedLines: KeepalivedLine[];
}

export interface Tunnel {
  type: 'ipip' | 'gue' | 'gre';
  port?: number;
  checksum: 'none' | 'csum' | 'remcsum';
  /** Clamp the MSS real servers advertise so encapsulated packets fit the path MTU. */
  clampMss: boolean;
}

/** A port or a range of ports, both ends included (`from` equals `to` for one port). */
export interface PortRange {
  from: number;
  to: number;
}

export interface Service extends Located {
  name: string;
  vip: Address & Located;
  /** Prefix length written after the VIP, if any (only /32 or /128 are valid). */
  vipPrefix?: number;
  publicAddress?: Address & Located;
  publicPort?: number;
  protocol: Protocol;
  port?: number;
  fwmark?: number;
  /** Ports lvscc marks with `fwmark` on the directors (ranges, both ends included), as written. */
  ports?: (PortRange & Located)[];
  scheduler: string;
  forwarding: Forwarding;
  /** Tunnel settings: always present for `tun`; present for other methods only when written (LVS222 reports that). */
  tunnel?: Tunnel;
  persistence?: number;
  persistenceNetmask?: number;
  /** Seconds a leaving real server drains (weight 0) before it is deleted. Default 60 (`DEFAULT_DRAIN_TIMEOUT`, model/service.ts). */
  drainTimeout: number;
  healthCheck?: HealthCheck;
  sorryServer?: { address: Address; port?: number } & Located;
  /** sh/mh scheduler flags (ipvsadm `-b`), in the order written. Default none. */
  schedulerFlags: ('sh-port' | 'sh-fallback' | 'mh-port' | 'mh-fallback')[];
  /** One-packet scheduling (ipvsadm `-o`, keepalived `ops`). Default false. */
  onePacket: boolean;
  /** Quorum of healthy weight (keepalived `quorum`, `hysteresis`, `quorum_up`/`_down`, `omega`); undefined: none. */
  quorum?: { minimumWeight: number; hysteresis: number; onUp?: string; onDown?: string; runOnStop: boolean } & Located;
  /** Lines carried into the `virtual_server` block. Default none. */
  keepalivedLines: KeepalivedLine[];
  /** The VRRP instance that moves the VIP, as written (`vrrpInstance`); undefined: the first. */
  vrrpInstance?: { name: string } & Located;
  members: Member[];
}

/** Gratuitous ARP / unsolicited NA timing of the VRRP MASTER (keepalived `vrrp_garp_master_*`). */
export interface Garp {
  /** Seconds before the second burst after becoming MASTER (0: none). Default 5. */
  delay: number;
  /** Adverts per address in each burst after becoming MASTER. Default 5. */
  repeat: number;
  /** Seconds between refreshes while MASTER (0: none). Default 60. */
  refresh: number;
  /** Adverts per address in each refresh. Default 2. */
  refreshRepeat: number;
}

export interface Vrrp extends Located {
  virtualRouterId: number;
  interface: string;
  /** Seconds between adverts. Default 1. */
  advertInterval: number;
  authPassword?: string;
  gatewayAddress?: InterfaceAddress & Located;
  /** Unicast adverts to the other directors instead of multicast. Default false. */
  unicast: boolean;
  /** IPVS connection sync daemon (keepalived `lvs_sync_daemon`). Default true (rendered with two or more directors). */
  connectionSync: boolean;
  /** A higher priority takes the VIPs back from a running MASTER. Default false (`nopreempt`). */
  preempt: boolean;
  /** Interfaces whose link loss puts the instance in FAULT (`track_interface`), as written. Default none. */
  trackInterfaces: string[];
  /** Seconds before preempting (`preempt_delay`), with `preempt` only (LVS243); undefined: at once. */
  preemptDelay?: number;
  garp: Garp;
  /** Lines carried into the `vrrp_instance` block. Default none. */
  keepalivedLines: KeepalivedLine[];
  /** Floating addresses of the first instance that belong to no service (`vrrp.addresses`), as written. */
  addresses: (InterfaceAddress & Located)[];
  /** Sync group of the first instance; undefined: none. */
  syncGroup?: { name: string } & Located;
  /** Further instances (`vrrp.instances`), sorted by name. */
  instances: VrrpInstance[];
}

/** One of `vrrp.instances`: timing, authentication, unicast, preemption, GARP and tracking are the first instance's. */
export interface VrrpInstance extends Located {
  name: string;
  virtualRouterId: number;
  /** As written, else `vrrp.interface`. */
  interface: string;
  /** Priorities as written (`priorities`), by host name; a director missing here has its own `priority`. */
  priorities: ({ host: string; priority: number } & Located)[];
  addresses: (InterfaceAddress & Located)[];
  syncGroup?: { name: string } & Located;
}

export interface Model {
  version: 1;
  cluster: string;
  /** Manager in use (written, or `defaultManager` of model/service.ts) and whether the topology set it. */
  manager: Manager;
  managerSet: boolean;
  vrrp?: Vrrp;
  /** Lines carried into `global_defs`. Default none. */
  keepalivedLines: KeepalivedLine[];
  /** Addresses keepalived mails state changes to (`notification_email`), in the order written; undefined: none. */
  alertRecipients?: { addresses: string[] } & Located;
  router?: Router;
  /** Directors sorted by name. */
  directors: Host[];
  /** Real servers sorted by name. */
  realServers: Host[];
  /** Services sorted by name. */
  services: Service[];
}
