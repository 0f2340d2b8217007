// LVS223 duplicate-member: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (second: string) => `
  version: 1
  cluster: c
  directors:
    lvs: { interfaces: { eth0: 10.10.24.2/24 } }
  realServers:
    rs1: { interfaces: { eth0: 10.10.24.21/24 } }
    rs2: { interfaces: { eth0: 10.10.24.22/24 } }
  services:
    http:
      vip: 10.10.24.88
      port: 80
      forwarding: tun
      realServers:
        - rs1
        - rs2
        - ${second}
`;

describe('LVS223 duplicate-member', () => {
  it('reports the second listing, with the first as related span', () => {
    const diagnostics = lintYaml(topology('{ server: rs1, weight: 3 }'));
    expect(findings(diagnostics, 'LVS223')).toEqual([{ code: 'LVS223', severity: 'error', line: 16, message: 'service http lists real server rs1 twice' }]);
    expect(diagnostics.find((d) => d.code === 'LVS223')!.related.map((r) => [r.span.line, r.message])).toEqual([[14, 'first listed here']]);
  });

  it('accepts distinct members', () => {
    expect(findings(lintYaml(topology('rs2x')), 'LVS223')).toEqual([]);
  });
});
