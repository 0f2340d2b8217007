// The resolved, typed model of one topology: what lint rules read and targets render.
import type { Address, InterfaceAddress } from './address.js';

export type Role = 'director' | 'real-server' | 'router';
export type Forwarding = 'tun' | 'dr' | 'nat';
export type Protocol = 'tcp' | 'udp' | 'sctp';
export type Manager = 'static' | 'keepalived';

/** Every model element keeps the JSON pointer of its source node, for diagnostics. */
export interface Located {
  pointer: string;
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
  platform: 'cisco-ios' | 'nftables';
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
}

export interface HealthCheck extends Located {
  type: 'tcp' | 'http' | 'https' | 'none';
  port?: number;
  path: string;
  expectStatus: number;
  timeout: number;
  interval: number;
  retries: number;
  /** Keys written in the topology (defaults fill the rest), in document order; LVS219 reads it. */
  written: string[];
}

export interface Tunnel {
  type: 'ipip' | 'gue' | 'gre';
  port?: number;
  checksum: 'none' | 'csum' | 'remcsum';
  /** Clamp the MSS real servers advertise so encapsulated packets fit the path MTU. */
  clampMss: boolean;
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
  scheduler: string;
  forwarding: Forwarding;
  /** Tunnel settings: always present for `tun`; present for other methods only when written (LVS222 reports that). */
  tunnel?: Tunnel;
  persistence?: number;
  persistenceNetmask?: number;
  healthCheck?: HealthCheck;
  sorryServer?: { address: Address; port?: number } & Located;
  members: Member[];
}

export interface Vrrp extends Located {
  virtualRouterId: number;
  interface: string;
  advertInterval: number;
  authPassword?: string;
  gatewayAddress?: InterfaceAddress & Located;
}

export interface Model {
  version: 1;
  cluster: string;
  /** Manager in use (explicit or defaulted) and whether the topology set it. */
  manager: Manager;
  managerSet: boolean;
  vrrp?: Vrrp;
  router?: Router;
  /** Directors sorted by name. */
  directors: Host[];
  /** Real servers sorted by name. */
  realServers: Host[];
  /** Services sorted by name. */
  services: Service[];
}
