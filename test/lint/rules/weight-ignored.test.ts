// LVS235 weight-ignored: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (scheduler: string, members: string) => `
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
      scheduler: ${scheduler}
      forwarding: dr
      realServers: ${members}
`;

describe('LVS235 weight-ignored', () => {
  it('warns at the first weight an rr, lc or dh service ignores, the others related', () => {
    for (const scheduler of ['rr', 'lc', 'dh']) {
      const diagnostics = lintYaml(topology(scheduler, '[{ server: rs1, weight: 3 }, { server: rs2, weight: 2 }]'));
      expect(findings(diagnostics, 'LVS235')).toEqual([
        {
          code: 'LVS235',
          severity: 'warning',
          line: 14,
          message: `scheduler \`${scheduler}\` of service http ignores weights: rs1's weight 3 has no effect`,
        },
      ]);
      expect(diagnostics.find((d) => d.code === 'LVS235')!.related.map((r) => [r.span.line, r.message])).toEqual([[14, "rs2's weight 2 too"]]);
    }
  });

  it('accepts weights on a weighted scheduler, and weights 0 and 1 on any', () => {
    expect(findings(lintYaml(topology('wrr', '[{ server: rs1, weight: 3 }, rs2]')), 'LVS235')).toEqual([]);
    expect(findings(lintYaml(topology('sh', '[{ server: rs1, weight: 3 }, rs2]')), 'LVS235')).toEqual([]);
    expect(findings(lintYaml(topology('rr', '[{ server: rs1, weight: 0 }, { server: rs2, weight: 1 }]')), 'LVS235')).toEqual([]);
  });
});
