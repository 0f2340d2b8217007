// LVS227 public-mapping-unsupported: failing and passing cases (platform limits are LVS302-LVS304, in the router targets).
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (platform: string, service: string) => `
  version: 1
  cluster: c
  router:
    name: edge
    platform: ${platform}
    inside: { interface: ${platform === 'nftables' ? 'eth0' : 'Gi0/1'}, address: 10.0.0.1/24 }
    outside: { interface: ${platform === 'nftables' ? 'eth1' : 'Gi0/0'}, address: 112.2.21.1/24 }
  directors:
    lvs: { interfaces: { eth0: { address: [10.0.0.2/24, 2001:db8::2/64] } } }
  realServers:
    rs1: { interfaces: { eth0: { address: [10.0.0.21/24, 2001:db8::21/64] } } }
  services:
    svc: { ${service}, publicAddress: 112.2.21.88, forwarding: tun, realServers: [rs1] }
`;

describe('LVS227 public-mapping-unsupported', () => {
  it.each(['cisco-ios', 'nftables'])('reports a fwmark service on %s', (platform) => {
    expect(findings(lintYaml(topology(platform, 'vip: 10.0.0.88, fwmark: 7, persistence: 300')), 'LVS227')).toEqual([
      {
        code: 'LVS227',
        severity: 'error',
        line: 13,
        message: 'service svc is a fwmark service (mark 7): it has no protocol and port for the router to map 112.2.21.88 onto',
      },
    ]);
  });

  it('leaves IPv6 VIPs and sctp to the router platforms', () => {
    expect(findings(lintYaml(topology('cisco-ios', 'vip: 2001:db8::88, port: 80')), 'LVS227')).toEqual([]);
    expect(findings(lintYaml(topology('cisco-ios', 'vip: 10.0.0.88, port: 3868, protocol: sctp')), 'LVS227')).toEqual([]);
  });

  it('accepts a service with a port', () => {
    expect(findings(lintYaml(topology('cisco-ios', 'vip: 10.0.0.88, port: 80')), 'LVS227')).toEqual([]);
    expect(findings(lintYaml(topology('nftables', 'vip: 10.0.0.88, port: 53, protocol: udp')), 'LVS227')).toEqual([]);
  });
});
