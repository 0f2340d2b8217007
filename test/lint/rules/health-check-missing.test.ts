// LVS241 health-check-missing: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (manager: string, check: string) => `
  version: 1
  cluster: c
  manager: ${manager}
  directors:
    lvs: { interfaces: { eth0: 10.0.0.2/24 } }
  realServers:
    rs1: { interfaces: { eth0: 10.0.0.21/24 } }
  services:
    web:
      vip: 10.0.0.80
      port: 80
      forwarding: dr
      realServers: [rs1]
      ${check}
`;

describe('LVS241 health-check-missing', () => {
  it('warns about a keepalived service without a health check, at its name, and suggests one', () => {
    const diagnostics = lintYaml(topology('keepalived', ''));
    expect(findings(diagnostics, 'LVS241')).toEqual([
      {
        code: 'LVS241',
        severity: 'warning',
        line: 9,
        message: 'service web has no health check: keepalived keeps every real server in the table, and a dead one still gets its share of requests',
      },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS241')!.help).toBe(
      'add `healthCheck: { type: http, path: /healthz }`, or write `healthCheck: { type: none }` if that is intended',
    );
  });

  it('accepts a check, an explicit type none, and the static manager (which runs no checks)', () => {
    expect(findings(lintYaml(topology('keepalived', 'healthCheck: { type: tcp }')), 'LVS241')).toEqual([]);
    expect(findings(lintYaml(topology('keepalived', 'healthCheck: { type: none }')), 'LVS241')).toEqual([]);
    expect(findings(lintYaml(topology('static', '')), 'LVS241')).toEqual([]);
  });
});
