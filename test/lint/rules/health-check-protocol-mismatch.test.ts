// LVS240 health-check-protocol-mismatch: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (protocol: string, check: string, service = 'port: 53') => `
  version: 1
  cluster: c
  manager: keepalived
  directors:
    lvs: { interfaces: { eth0: 10.0.0.2/24 } }
  realServers:
    rs1: { interfaces: { eth0: 10.0.0.21/24 } }
  services:
    dns:
      vip: 10.0.0.53
      protocol: ${protocol}
      ${service}
      forwarding: dr
      realServers: [rs1]
      healthCheck: ${check}
`;

describe('LVS240 health-check-protocol-mismatch', () => {
  it('reports a tcp check on a udp service, at the check type', () => {
    expect(findings(lintYaml(topology('udp', '{ type: tcp }')), 'LVS240')).toEqual([
      {
        code: 'LVS240',
        severity: 'error',
        line: 15,
        message: 'the `tcp` health check of udp service dns probes over tcp, where the service need not listen at all',
      },
    ]);
  });

  it('reports http on sctp and dns or udp on tcp', () => {
    expect(findings(lintYaml(topology('sctp', '{ type: http }')), 'LVS240').map((f) => [f.severity, f.line])).toEqual([['error', 15]]);
    expect(findings(lintYaml(topology('tcp', '{ type: dns, queryName: example.com }')), 'LVS240').map((f) => [f.severity, f.line])).toEqual([['error', 15]]);
    expect(findings(lintYaml(topology('tcp', '{ type: udp }')), 'LVS240').map((f) => [f.severity, f.line])).toEqual([['error', 15]]);
  });

  it('accepts checks that fit the protocol, misc and ping anywhere, and fwmark services', () => {
    expect(findings(lintYaml(topology('udp', '{ type: dns, queryName: example.com, queryType: A }')), 'LVS240')).toEqual([]);
    expect(findings(lintYaml(topology('udp', '{ type: udp }')), 'LVS240')).toEqual([]);
    expect(findings(lintYaml(topology('tcp', '{ type: smtp }')), 'LVS240')).toEqual([]);
    expect(findings(lintYaml(topology('sctp', '{ type: misc, script: /usr/local/bin/check-sctp }')), 'LVS240')).toEqual([]);
    expect(findings(lintYaml(topology('sctp', '{ type: ping }')), 'LVS240')).toEqual([]);
    expect(findings(lintYaml(topology('udp', '{ type: tcp, port: 53 }', 'fwmark: 5\n      persistence: 60')), 'LVS240')).toEqual([]);
  });
});
