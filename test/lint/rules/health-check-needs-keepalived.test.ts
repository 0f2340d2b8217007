// LVS218 health-check-needs-keepalived: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (manager: string, extra: string) => `
  version: 1
  cluster: c
  ${manager}
  directors:
    lvs: { interfaces: { eth0: 10.0.0.2/24 } }
  realServers:
    rs1: { interfaces: { eth0: 10.0.0.21/24 } }
  services:
    http:
      vip: 10.0.0.88
      port: 80
      forwarding: dr
      realServers: [rs1]
      ${extra}
`;

const both = 'healthCheck: { type: http, path: /healthz }\n      sorryServer: { address: 10.0.0.50, port: 80 }';

describe('LVS218 health-check-needs-keepalived', () => {
  it('reports a health check and a sorry server under the default static manager', () => {
    const diagnostics = lintYaml(topology('defaults: { gateway: 10.0.0.1 }', both));
    expect(findings(diagnostics, 'LVS218')).toEqual([
      {
        code: 'LVS218',
        severity: 'error',
        line: 14,
        message: 'service http has an http health check, but the manager is static (the default for one director): nothing would run it',
      },
      {
        code: 'LVS218',
        severity: 'error',
        line: 15,
        message: 'service http has sorry server 10.0.0.50, but the manager is static (the default for one director): nothing would switch to it',
      },
    ]);
    expect(diagnostics.filter((d) => d.code === 'LVS218').every((d) => d.related.length === 0)).toBe(true);
  });

  it('points at a written static manager', () => {
    const diagnostics = lintYaml(topology('manager: static', 'healthCheck: { type: tcp }'));
    expect(findings(diagnostics, 'LVS218').map((f) => f.line)).toEqual([14]);
    const related = diagnostics.find((d) => d.code === 'LVS218')!.related;
    expect(related.map((r) => [r.span.line, r.message])).toEqual([[3, 'the static manager is set here']]);
  });

  it('accepts keepalived', () => {
    expect(findings(lintYaml(topology('manager: keepalived', both)), 'LVS218')).toEqual([]);
  });

  it('accepts `type: none` under static', () => {
    expect(findings(lintYaml(topology('manager: static', 'healthCheck: { type: none }')), 'LVS218')).toEqual([]);
  });
});
