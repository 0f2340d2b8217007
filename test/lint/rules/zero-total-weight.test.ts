// LVS234 zero-total-weight: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (manager: string, members: string) => `
  version: 1
  cluster: c
  manager: ${manager}
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
      realServers: ${members}
`;

describe('LVS234 zero-total-weight', () => {
  it('is an error under keepalived, at the first member, with the others related', () => {
    const diagnostics = lintYaml(topology('keepalived', '[{ server: rs1, weight: 0 }, { server: rs2, weight: 0 }]'));
    expect(findings(diagnostics, 'LVS234')).toEqual([
      {
        code: 'LVS234',
        severity: 'error',
        line: 14,
        message: 'every real server of service http has weight 0: keepalived refuses a virtual server whose total weight is below its quorum of 1',
      },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS234')!.related.map((r) => [r.span.line, r.message])).toEqual([[14, 'rs2 has weight 0 too']]);
  });

  it('is a warning under the static manager', () => {
    expect(findings(lintYaml(topology('static', '[{ server: rs1, weight: 0 }]')), 'LVS234')).toEqual([
      { code: 'LVS234', severity: 'warning', line: 14, message: 'every real server of service http has weight 0, so the service accepts no new connections' },
    ]);
  });

  it('accepts a service with one real server of weight 1 or more', () => {
    expect(findings(lintYaml(topology('keepalived', '[{ server: rs1, weight: 0 }, rs2]')), 'LVS234')).toEqual([]);
  });
});
