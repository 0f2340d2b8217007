// LVS244 static-manager-unchecked: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (manager: string, extra = '') => `
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
    dns:
      vip: 10.0.0.88
      protocol: udp
      port: 53
      forwarding: dr
      realServers: [rs1]
`;

describe('LVS244 static-manager-unchecked', () => {
  it('reports each unchecked service under the default static manager (one director, no checks)', () => {
    expect(findings(lintYaml(topology('defaults: { gateway: 10.0.0.1 }')), 'LVS244')).toEqual([
      {
        code: 'LVS244',
        severity: 'warning',
        line: 9,
        message:
          'service http has no health check and the manager is static (the default for one director without health checks): nothing removes a dead real server, which keeps its share of requests',
      },
      {
        code: 'LVS244',
        severity: 'warning',
        line: 15,
        message:
          'service dns has no health check and the manager is static (the default for one director without health checks): nothing removes a dead real server, which keeps its share of requests',
      },
    ]);
  });

  it('points at a written static manager and suggests a check that fits the service', () => {
    const diagnostics = lintYaml(topology('manager: static')).filter((d) => d.code === 'LVS244');
    expect(diagnostics.map((d) => [d.span?.line, d.related.map((r) => [r.span.line, r.message])])).toEqual([
      [9, [[3, 'the static manager is set here']]],
      [15, [[3, 'the static manager is set here']]],
    ]);
    expect(diagnostics.map((d) => d.help)).toEqual([
      'set `manager: keepalived` and add `healthCheck: { type: http, path: /healthz }`, or write `healthCheck: { type: none }` if that is intended',
      'set `manager: keepalived` and add `healthCheck: { type: dns, queryName: <a name it serves> }`, or write `healthCheck: { type: none }` if that is intended',
    ]);
  });

  it('leaves a service without real servers to LVS275: there is no dead real server to remove', () => {
    const text = topology('manager: static').replace('realServers: [rs1]', 'realServers: []');
    expect(findings(lintYaml(text), 'LVS244').map((f) => f.line)).toEqual([15]);
  });

  it('accepts `type: none`, and leaves keepalived clusters to LVS241', () => {
    const none = lintYaml(topology('manager: static', 'healthCheck: { type: none }'));
    expect(findings(none, 'LVS244').map((f) => f.line)).toEqual([15]);
    const keepalived = lintYaml(topology('manager: keepalived'));
    expect(findings(keepalived, 'LVS244')).toEqual([]);
    expect(findings(keepalived, 'LVS241').map((f) => f.line)).toEqual([9, 15]);
  });

  it('does not fire once a check makes keepalived the default', () => {
    expect(findings(lintYaml(topology('defaults: { gateway: 10.0.0.1 }', 'healthCheck: { type: tcp }')), 'LVS244')).toEqual([]);
  });
});
