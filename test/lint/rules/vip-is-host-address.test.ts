// LVS202 vip-is-host-address: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (rs2: string, vip = '10.10.24.88') => `
  version: 1
  cluster: c
  directors:
    lvs: { interfaces: { eth0: 10.10.24.2/24 } }
  realServers:
    rs1: { interfaces: { eth0: 10.10.24.21/24 } }
    rs2: { interfaces: { eth0: ${rs2} } }
  services:
    http:
      vip: ${vip}
      port: 80
      forwarding: tun
      realServers: [rs1, rs2]
`;

describe('LVS202 vip-is-host-address', () => {
  it('reports a VIP that a real server declares as an interface address, with the interface as related span', () => {
    const diagnostics = lintYaml(topology('{ address: [10.10.24.22/24, 10.10.24.88/24] }'));
    expect(findings(diagnostics, 'LVS202')).toEqual([
      { code: 'LVS202', severity: 'error', line: 10, message: "service http's VIP 10.10.24.88 is also an interface address of rs2 (eth0)" },
    ]);
    const related = diagnostics.find((d) => d.code === 'LVS202')!.related;
    expect(related.map((r) => [r.span.line, r.message])).toEqual([[7, 'rs2 eth0 has it here']]);
  });

  it('reports a VIP equal to a director address, compared canonically', () => {
    const diagnostics = lintYaml(topology('10.10.24.22/24', '10.10.24.2'));
    expect(findings(diagnostics, 'LVS202').map((f) => [f.severity, f.line])).toEqual([['error', 10]]);
    expect(diagnostics.find((d) => d.code === 'LVS202')!.related.map((r) => r.span.line)).toEqual([4]);
  });

  it('accepts a VIP that no interface holds', () => {
    expect(findings(lintYaml(topology('10.10.24.22/24')), 'LVS202')).toEqual([]);
  });
});
