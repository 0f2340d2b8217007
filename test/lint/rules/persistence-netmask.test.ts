// LVS224 persistence-netmask: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (persistence: string, vip = '10.10.24.88', rs1 = '10.10.24.21/24') => `
  version: 1
  cluster: c
  directors:
    lvs: { interfaces: { eth0: { address: [10.10.24.2/24, 2001:db8:24::2/64] } } }
  realServers:
    rs1: { interfaces: { eth0: ${rs1} } }
  services:
    http:
      vip: ${vip}
      port: 80
      forwarding: tun
      ${persistence}
      realServers: [rs1]
`;

describe('LVS224 persistence-netmask', () => {
  it('reports a netmask without persistence', () => {
    expect(findings(lintYaml(topology('persistenceNetmask: 24')), 'LVS224')).toEqual([
      { code: 'LVS224', severity: 'error', line: 12, message: 'service http sets persistenceNetmask 24 but no persistence, so the netmask has no effect' },
    ]);
  });

  it('reports a netmask longer than 32 for an IPv4 VIP', () => {
    expect(findings(lintYaml(topology('persistence: 300\n      persistenceNetmask: 64')), 'LVS224').map((f) => [f.severity, f.line, f.message])).toEqual([
      ['error', 13, 'persistenceNetmask 64 of service http is longer than an IPv4 address (VIP 10.10.24.88)'],
    ]);
  });

  it('accepts a netmask with persistence, and 64 for an IPv6 VIP', () => {
    expect(findings(lintYaml(topology('persistence: 300\n      persistenceNetmask: 24')), 'LVS224')).toEqual([]);
    expect(findings(lintYaml(topology('persistence: 300\n      persistenceNetmask: 64', '2001:db8:24::88', '2001:db8:24::21/64')), 'LVS224')).toEqual([]);
  });
});
