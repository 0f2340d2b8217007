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

  const sorry = (vip: string, address: string) => `
  version: 1
  cluster: c
  directors:
    lvs: { interfaces: { eth0: { address: [10.10.24.2/24, 2001:db8:24::2/64] } } }
  realServers:
    rs1: { interfaces: { eth0: 2001:db8:24::21/64 } }
  services:
    http:
      vip: ${vip}
      port: 80
      forwarding: nat
      realServers: [rs1]
      sorryServer:
        address: ${address}
`;

  it('reports a sorry server of the other family, the VIP written with or without its prefix', () => {
    for (const vip of ['2001:db8:100::10', '2001:db8:100::10/128']) {
      const diagnostics = lintYaml(sorry(vip, '10.10.24.50'));
      expect(findings(diagnostics, 'LVS221')).toEqual([
        { code: 'LVS221', severity: 'error', line: 14, message: 'sorry server 10.10.24.50 of service http is IPv4, but the VIP is IPv6: keepalived skips it' },
      ]);
      expect(diagnostics.find((d) => d.code === 'LVS221')!.related.map((r) => r.span.line)).toEqual([9]);
    }
  });

  it('accepts a sorry server of the VIP family', () => {
    expect(findings(lintYaml(sorry('2001:db8:100::10/128', '2001:db8:24::50')), 'LVS221')).toEqual([]);
  });
});
