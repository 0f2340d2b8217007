// LVS227 public-mapping-unsupported: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (service: string) => `
  version: 1
  cluster: c
  router:
    name: edge
    platform: cisco-ios
    inside: { interface: Gi0/1, address: 10.0.0.1/24 }
    outside: { interface: Gi0/0, address: 112.2.21.1/24 }
  directors:
    lvs: { interfaces: { eth0: { address: [10.0.0.2/24, 2001:db8::2/64] } } }
  realServers:
    rs1: { interfaces: { eth0: { address: [10.0.0.21/24, 2001:db8::21/64] } } }
  services:
    svc: { ${service}, publicAddress: 112.2.21.88, forwarding: tun, realServers: [rs1] }
`;

describe('LVS227 public-mapping-unsupported', () => {
  it('reports an IPv6 VIP, with the VIP', () => {
    const diagnostics = lintYaml(topology('vip: 2001:db8::88, port: 80'));
    expect(findings(diagnostics, 'LVS227')).toEqual([
      {
        code: 'LVS227',
        severity: 'error',
        line: 13,
        message: 'service svc maps public address 112.2.21.88 onto IPv6 VIP 2001:db8::88, but IOS `ip nat inside source static` is NAT44 only',
      },
    ]);
    const related = diagnostics.find((d) => d.code === 'LVS227')!.related;
    expect(related.map((r) => [r.span.line, r.message])).toEqual([[13, 'IPv6 VIP']]);
  });

  it('reports a fwmark service', () => {
    expect(findings(lintYaml(topology('vip: 10.0.0.88, fwmark: 7, persistence: 300')), 'LVS227')).toEqual([
      {
        code: 'LVS227',
        severity: 'error',
        line: 13,
        message: 'service svc is a fwmark service (mark 7): it has no protocol and port for the router to map 112.2.21.88 onto',
      },
    ]);
  });

  it('reports an sctp service', () => {
    expect(findings(lintYaml(topology('vip: 10.0.0.88, port: 3868, protocol: sctp')), 'LVS227').map((f) => f.message)).toEqual([
      'service svc uses sctp, but IOS static NAT maps only tcp and udp ports',
    ]);
  });

  it('accepts an IPv4 tcp or udp service', () => {
    expect(findings(lintYaml(topology('vip: 10.0.0.88, port: 80')), 'LVS227')).toEqual([]);
    expect(findings(lintYaml(topology('vip: 10.0.0.88, port: 53, protocol: udp')), 'LVS227')).toEqual([]);
  });
});
