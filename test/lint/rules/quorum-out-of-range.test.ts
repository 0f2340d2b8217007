// LVS272 quorum-out-of-range: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (quorum: string, rs2 = 'rs2') => `
  version: 1
  cluster: c
  manager: keepalived
  directors:
    lvs: { interfaces: { eth0: 10.10.24.2/24 } }
  realServers:
    rs1: { interfaces: { eth0: 10.10.24.21/24 } }
    rs2: { interfaces: { eth0: 10.10.24.22/24 } }
  services:
    http:
      vip: 10.10.24.88
      port: 80
      forwarding: dr
      realServers: [rs1, ${rs2}]
      healthCheck: { type: tcp }
      quorum:
        ${quorum}
`;

describe('LVS272 quorum-out-of-range', () => {
  it('reports a quorum above the total weight, at minimumWeight, with the members related', () => {
    const diagnostics = lintYaml(topology('minimumWeight: 3'));
    expect(findings(diagnostics, 'LVS272')).toEqual([
      {
        code: 'LVS272',
        severity: 'error',
        line: 17,
        message: 'quorum 3 of service http exceeds the total weight 2 of its real servers: it could never be met, and keepalived lowers it to 2',
      },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS272')!.related.map((r) => [r.span.line, r.message])).toEqual([
      [14, 'rs1: weight 1'],
      [14, 'rs2: weight 1'],
    ]);
  });

  it('reports a hysteresis not below the quorum keepalived would use', () => {
    expect(findings(lintYaml(topology('{ minimumWeight: 2, hysteresis: 2 }')), 'LVS272')).toEqual([
      {
        code: 'LVS272',
        severity: 'error',
        line: 17,
        message:
          'hysteresis 2 of service http is not below its quorum 2: the quorum could not be lost before it is gained, and keepalived lowers the hysteresis to 1',
      },
    ]);
    // Both at once: the hysteresis is measured against the lowered quorum, as keepalived does.
    expect(findings(lintYaml(topology('{ minimumWeight: 9, hysteresis: 2 }')), 'LVS272').map((f) => f.message)).toEqual([
      'quorum 9 of service http exceeds the total weight 2 of its real servers: it could never be met, and keepalived lowers it to 2',
      'hysteresis 2 of service http is not below its quorum 2: the quorum could not be lost before it is gained, and keepalived lowers the hysteresis to 1',
    ]);
  });

  it('accepts a quorum up to the total weight (weights counted) and leaves a total of 0 to LVS234', () => {
    expect(findings(lintYaml(topology('{ minimumWeight: 2, hysteresis: 1 }')), 'LVS272')).toEqual([]);
    expect(findings(lintYaml(topology('minimumWeight: 6', '{ server: rs2, weight: 5 }')), 'LVS272')).toEqual([]);
    const zero = lintYaml(topology('minimumWeight: 1', '{ server: rs2, weight: 0 }').replace('[rs1, ', '[{ server: rs1, weight: 0 }, '));
    expect(findings(zero, 'LVS272')).toEqual([]);
    expect(findings(zero, 'LVS234').map((f) => f.severity)).toEqual(['error']);
  });

  it('leaves the static manager to LVS218, which reports the quorum itself', () => {
    const diagnostics = lintYaml(topology('minimumWeight: 3').replace('manager: keepalived', 'manager: static'));
    expect(findings(diagnostics, 'LVS272')).toEqual([]);
    expect(findings(diagnostics, 'LVS218').map((f) => [f.line, f.message])).toContainEqual([
      17,
      'service http has a quorum, but the manager is static: nothing would count its healthy weight',
    ]);
  });
});
