// LVS245 fwmark-check-port-missing: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (check: string, members = '[rs1, rs2]') => `
  version: 1
  cluster: c
  manager: keepalived
  directors:
    lvs: { interfaces: { eth0: 10.0.0.2/24 } }
  realServers:
    rs1: { interfaces: { eth0: 10.0.0.21/24 } }
    rs2: { interfaces: { eth0: 10.0.0.22/24 } }
  services:
    web:
      vip: 10.0.0.88
      fwmark: 88
      ports: [80, 443]
      forwarding: dr
      realServers: ${members}
      healthCheck: ${check}
`;

describe('LVS245 fwmark-check-port-missing', () => {
  it.each(['tcp', 'http', 'https', 'smtp'])('reports a %s check without a port', (type) => {
    expect(findings(lintYaml(topology(`{ type: ${type} }`)), 'LVS245')).toEqual([
      {
        code: 'LVS245',
        severity: 'error',
        line: 16,
        message: `the ${type} health check of fwmark service web has no port to probe: a fwmark service has no port of its own, so keepalived would run no checker and keep every real server in the table`,
      },
    ]);
  });

  it('names the real servers that have no port when others have one, with their lines', () => {
    const diagnostics = lintYaml(topology('{ type: tcp }', '[{ server: rs1, healthCheck: { port: 80 } }, rs2]')).filter((d) => d.code === 'LVS245');
    expect(diagnostics.map((d) => [d.span?.line, d.message.split(':')[0]])).toEqual([
      [16, 'the tcp health check of fwmark service web has no port to probe on rs2'],
    ]);
    expect(diagnostics[0]!.related.map((r) => [r.span.line, r.message])).toEqual([[15, 'rs2 has no port']]);
  });

  it('accepts a check port, a port on every real server, and checks that need none', () => {
    expect(findings(lintYaml(topology('{ type: http, port: 80 }')), 'LVS245')).toEqual([]);
    expect(
      findings(lintYaml(topology('{ type: tcp }', '[{ server: rs1, healthCheck: { port: 80 } }, { server: rs2, healthCheck: { port: 443 } }]')), 'LVS245'),
    ).toEqual([]);
    for (const check of ['{ type: misc, script: /usr/local/bin/check }', '{ type: ping }', '{ type: none }'])
      expect(findings(lintYaml(topology(check)), 'LVS245')).toEqual([]);
  });
});
