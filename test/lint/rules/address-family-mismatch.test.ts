// LVS221 address-family-mismatch: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (forwarding: string, rs2: string, lvs = '10.10.24.2/24') => `
  version: 1
  cluster: c
  directors:
    lvs: { interfaces: { eth0: ${lvs} } }
  realServers:
    rs1: { interfaces: { eth0: 10.10.24.21/24 } }
    rs2: { interfaces: { eth0: ${rs2} } }
  services:
    http: { vip: 10.10.24.88, port: 80, forwarding: ${forwarding}, realServers: [rs1, rs2] }
`;

describe('LVS221 address-family-mismatch', () => {
  it('reports a DR real server with no address in the VIP family', () => {
    const diagnostics = lintYaml(topology('dr', '2001:db8:24::22/64'));
    expect(findings(diagnostics, 'LVS221')).toEqual([
      { code: 'LVS221', severity: 'error', line: 9, message: 'real server rs2 has IPv6 addresses only, but DR service http has an IPv4 VIP' },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS221')!.related.map((r) => r.span.line)).toEqual([9]);
  });

  it('reports a TUN real server without an address of the VIP family, even when a director has its family', () => {
    for (const director of ['10.10.24.2/24', '{ address: [10.10.24.2/24, 2001:db8:24::2/64] }']) {
      const diagnostics = lintYaml(topology('tun', '2001:db8:24::22/64', director));
      expect(findings(diagnostics, 'LVS221')).toEqual([
        {
          code: 'LVS221',
          severity: 'error',
          line: 9,
          message:
            'real server rs2 has IPv6 addresses only, but TUN service http has an IPv4 VIP, and lvscc does not prepare real servers for tunnels across address families',
        },
      ]);
    }
  });

  it('accepts real servers with an address of the VIP family (dual-stack included)', () => {
    expect(findings(lintYaml(topology('tun', '{ address: [10.10.24.22/24, 2001:db8:24::22/64] }')), 'LVS221')).toEqual([]);
    expect(findings(lintYaml(topology('dr', '{ address: [10.10.24.22/24, 2001:db8:24::22/64] }')), 'LVS221')).toEqual([]);
  });
});
