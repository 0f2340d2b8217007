// LVS220 vip-prefix: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (vip: string, rs1 = '10.10.24.21/24') => `
  version: 1
  cluster: c
  directors:
    lvs: { interfaces: { eth0: { address: [10.10.24.2/24, 2001:db8:24::2/64] } } }
  realServers:
    rs1: { interfaces: { eth0: ${rs1} } }
  services:
    http: { vip: ${vip}, port: 80, forwarding: tun, realServers: [rs1] }
`;

describe('LVS220 vip-prefix', () => {
  it('reports a VIP written with its segment prefix', () => {
    expect(findings(lintYaml(topology('10.10.24.88/24')), 'LVS220')).toEqual([
      { code: 'LVS220', severity: 'error', line: 8, message: 'the VIP 10.10.24.88/24 of service http has a prefix length; a VIP is a single address' },
    ]);
  });

  it('reports /32 on an IPv6 VIP', () => {
    expect(findings(lintYaml(topology('2001:db8:24::88/32', '2001:db8:24::21/64')), 'LVS220').map((f) => [f.severity, f.line])).toEqual([['error', 8]]);
  });

  it('accepts no prefix, /32 and /128', () => {
    expect(findings(lintYaml(topology('10.10.24.88')), 'LVS220')).toEqual([]);
    expect(findings(lintYaml(topology('10.10.24.88/32')), 'LVS220')).toEqual([]);
    expect(findings(lintYaml(topology('2001:db8:24::88/128', '2001:db8:24::21/64')), 'LVS220')).toEqual([]);
  });
});
