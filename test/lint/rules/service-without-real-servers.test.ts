// LVS275 service-without-real-servers: failing and passing cases, under each manager.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (manager: string, members: string, extra = '') => `
  version: 1
  cluster: c
  manager: ${manager}
  directors:
    lvs: { interfaces: { eth0: 10.10.24.2/24 } }
  realServers:
    rs1: { interfaces: { eth0: 10.10.24.21/24 } }
  services:
    web:
      vip: 10.10.24.88
      port: 80
      forwarding: dr
      realServers: [rs1]
    http:
      vip: 10.10.24.88
      port: 8080
      forwarding: dr${extra}
      realServers: ${members}
`;

describe('LVS275 service-without-real-servers', () => {
  it('warns under the static manager that the director answers ICMP port unreachable', () => {
    expect(findings(lintYaml(topology('static', '[]')), 'LVS275')).toEqual([
      {
        code: 'LVS275',
        severity: 'warning',
        line: 18,
        message:
          'service http has no real servers: the director creates the IPVS service 10.10.24.88:8080 without destinations and answers every new connection to it with ICMP port unreachable',
      },
    ]);
  });

  it('warns under keepalived that the virtual server is left out, sorry server and all', () => {
    const diagnostics = lintYaml(topology('keepalived', '[]', '\n      sorryServer: { address: 10.10.24.50 }'));
    expect(findings(diagnostics, 'LVS275')).toEqual([
      {
        code: 'LVS275',
        severity: 'warning',
        line: 19,
        message:
          "service http has no real servers: keepalived ignores such a virtual server, sorry server and all, so lvscc leaves it out of keepalived.conf; with no IPVS service, packets to 10.10.24.88:8080 reach the director's own stack (a local listener answers, else a TCP reset or ICMP port unreachable)",
      },
    ]);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('accepts a service with a real server', () => {
    expect(findings(lintYaml(topology('keepalived', '[rs1]')), 'LVS275')).toEqual([]);
  });
});
