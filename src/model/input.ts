// TypeScript shape of a topology document as the JSON Schema accepts it; test/schema-types.test.ts
// uses ts-morph to keep these types and schema/topology.schema.json in step.

export type InterfaceValue = string | { address: string | string[]; mtu?: number };

export interface HostInput {
  interfaces: Record<string, InterfaceValue>;
  gateway?: string;
  gateway6?: string;
}

export interface DirectorInput extends HostInput {
  priority?: number;
}

export type RealServerInput = HostInput;

export type MemberInput = string | { server: string; weight?: number; port?: number };

export interface HealthCheckInput {
  type: 'tcp' | 'http' | 'https' | 'none';
  port?: number;
  path?: string;
  expectStatus?: number;
  timeout?: number;
  interval?: number;
  retries?: number;
}

export interface ServiceInput {
  vip: string;
  publicAddress?: string;
  publicPort?: number;
  protocol?: 'tcp' | 'udp' | 'sctp';
  port?: number;
  fwmark?: number;
  scheduler?: string;
  forwarding: 'tun' | 'dr' | 'nat';
  tunnel?: { type?: 'ipip' | 'gue' | 'gre'; port?: number; checksum?: 'none' | 'csum' | 'remcsum'; clampMss?: boolean };
  persistence?: number;
  persistenceNetmask?: number;
  healthCheck?: HealthCheckInput;
  sorryServer?: { address: string; port?: number };
  realServers: MemberInput[];
}

export interface RouterInterfaceInput {
  /** An IOS interface name for `cisco-ios`, a Linux one for `nftables` (schema: if/then on the platform). */
  interface: string;
  address: string;
}

export interface TopologyInput {
  version: 1;
  cluster: string;
  defaults?: { gateway?: string; gateway6?: string };
  manager?: 'static' | 'keepalived';
  vrrp?: {
    virtualRouterId: number;
    interface: string;
    advertInterval?: number;
    authPassword?: string;
    gatewayAddress?: string;
  };
  router?: { name: string; platform: 'cisco-ios' | 'nftables'; inside: RouterInterfaceInput; outside: RouterInterfaceInput };
  directors: Record<string, DirectorInput>;
  realServers: Record<string, RealServerInput>;
  services: Record<string, ServiceInput>;
}
