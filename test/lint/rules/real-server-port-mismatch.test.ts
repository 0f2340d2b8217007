// LVS210 real-server-port-mismatch: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (forwarding: string, member: string, service = 'port: 80') => `
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
      ${service}
      forwarding: ${forwarding}
      realServers:
        - rs1
        - ${member}
`;

describe('LVS210 real-server-port-mismatch', () => {
  it('reports a DR member port that differs from the service port, at the port', () => {
    expect(findings(lintYaml(topology('dr', '{ server: rs2, port: 8080 }')), 'LVS210')).toEqual([
      {
        code: 'LVS210',
        severity: 'warning',
        line: 15,
        message:
          'member rs2 of DR service http sets port 8080, which the kernel ignores: DR delivers to the service port 80, and lvscc writes 80 for it (health check included)',
      },
    ]);
  });

  it('reports a port on a member of a TUN fwmark service', () => {
    expect(findings(lintYaml(topology('tun', '{ server: rs2, port: 8080 }', 'fwmark: 3')), 'LVS210').map((f) => [f.severity, f.line])).toEqual([
      ['warning', 15],
    ]);
  });

  it('accepts the service port, no port, and any port with NAT', () => {
    expect(findings(lintYaml(topology('tun', '{ server: rs2, port: 80 }')), 'LVS210')).toEqual([]);
    expect(findings(lintYaml(topology('dr', 'rs2')), 'LVS210')).toEqual([]);
    expect(findings(lintYaml(topology('nat', '{ server: rs2, port: 8080 }')), 'LVS210')).toEqual([]);
  });
});

describe('LVS210 real-server-port-mismatch: sorry servers', () => {
  const withSorry = (forwarding: string, sorry: string, service = 'port: 80') => `
    version: 1
    cluster: c
    manager: keepalived
    directors:
      lvs: { interfaces: { eth0: 10.10.24.2/24 } }
    realServers:
      rs1: { interfaces: { eth0: 10.10.24.21/24 } }
    services:
      http:
        vip: 10.10.24.88
        ${service}
        persistence: 60
        forwarding: ${forwarding}
        healthCheck: { type: tcp, port: 80 }
        sorryServer: ${sorry}
        realServers: [rs1]
  `;

  it('reports a DR sorry server whose port differs from the service port, at the port (keepalived -t exits 5 there)', () => {
    expect(findings(lintYaml(withSorry('dr', '{ address: 10.10.24.50, port: 8080 }')), 'LVS210')).toEqual([
      {
        code: 'LVS210',
        severity: 'error',
        line: 15,
        message: 'sorry server 10.10.24.50 of DR service http uses port 8080, but DR delivers to the service port 80',
      },
    ]);
  });

  it('reports a port on the sorry server of a TUN fwmark service', () => {
    expect(findings(lintYaml(withSorry('tun', '{ address: 10.10.24.50, port: 8080 }', 'fwmark: 3')), 'LVS210').map((f) => [f.severity, f.line])).toEqual([
      ['error', 15],
    ]);
  });

  it('accepts the service port, no port, and any port with NAT', () => {
    expect(findings(lintYaml(withSorry('dr', '{ address: 10.10.24.50, port: 80 }')), 'LVS210')).toEqual([]);
    expect(findings(lintYaml(withSorry('tun', '{ address: 10.10.24.50 }')), 'LVS210')).toEqual([]);
    expect(findings(lintYaml(withSorry('nat', '{ address: 10.10.24.50, port: 8080 }')), 'LVS210')).toEqual([]);
  });
});
