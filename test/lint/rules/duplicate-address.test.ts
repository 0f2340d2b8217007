// LVS201 duplicate-address: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const base = (rs3: string, router = '10.10.24.1/24') => `
  version: 1
  cluster: c
  router:
    name: edge
    platform: cisco-ios
    inside: { interface: Gi0/1, address: ${router} }
    outside: { interface: Gi0/0, address: 112.2.21.1/24 }
  directors:
    lvs: { interfaces: { eth0: 10.10.24.2/24 } }
  realServers:
    rs2: { interfaces: { eth0: 10.10.24.22/24 } }
    rs3: { interfaces: { eth0: ${rs3} } }
  services:
    http: { vip: 10.10.24.88, port: 80, forwarding: tun, realServers: [rs2, rs3] }
`;

describe('LVS201 duplicate-address', () => {
  it('reports a real server that reuses another host address, pointing at both', () => {
    const diagnostics = lintYaml(base('10.10.24.22/24'));
    expect(findings(diagnostics, 'LVS201')).toEqual([{ code: 'LVS201', severity: 'error', line: 12, message: 'address 10.10.24.22 is used by two hosts' }]);
    const related = diagnostics.find((d) => d.code === 'LVS201')!.related;
    expect(related.map((r) => [r.span.line, r.message])).toEqual([[11, 'first used by rs2']]);
  });

  it('compares canonical addresses, not text', () => {
    expect(findings(lintYaml(base('10.10.24.2/16')), 'LVS201').map((f) => f.line)).toEqual([12]);
  });

  it('reports a host that takes the router address', () => {
    expect(findings(lintYaml(base('10.10.24.23/24', '10.10.24.22/24')), 'LVS201').map((f) => f.line)).toEqual([6]);
  });

  it('accepts distinct addresses', () => {
    expect(findings(lintYaml(base('10.10.24.23/24')), 'LVS201')).toEqual([]);
  });
});
