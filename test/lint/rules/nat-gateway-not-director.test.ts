// LVS209 nat-gateway-not-director: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const single = (defaults: string, rs2: string) => `
  version: 1
  cluster: c
  defaults: { ${defaults} }
  directors:
    lvs: { interfaces: { eth0: 203.0.113.2/24, eth1: 10.10.30.1/24 } }
  realServers:
    rs1: { interfaces: { eth0: 10.10.30.21/24 }, gateway: 10.10.30.1 }
    rs2: { interfaces: { eth0: 10.10.30.22/24 }${rs2} }
  services:
    web:
      vip: 203.0.113.80
      port: 80
      forwarding: nat
      realServers: [rs1, rs2]
`;

const pair = (gateway: string) => `
  version: 1
  cluster: c
  vrrp: { virtualRouterId: 51, interface: eth1, gatewayAddress: 10.10.30.1/24 }
  directors:
    lb1: { interfaces: { eth0: 203.0.113.2/24, eth1: 10.10.30.2/24 }, priority: 150 }
    lb2: { interfaces: { eth0: 203.0.113.3/24, eth1: 10.10.30.3/24 }, priority: 100 }
  realServers:
    rs1: { interfaces: { eth0: 10.10.30.21/24 }, gateway: ${gateway} }
  services:
    web: { vip: 203.0.113.80, port: 80, forwarding: nat, realServers: [rs1] }
`;

describe('LVS209 nat-gateway-not-director', () => {
  it('reports a gateway from defaults that is not a director, at the defaults line', () => {
    const diagnostics = lintYaml(single('gateway: 10.10.30.254', ''));
    expect(findings(diagnostics, 'LVS209')).toEqual([
      {
        code: 'LVS209',
        severity: 'error',
        line: 3,
        message: 'real server rs2 of NAT service web routes replies via 10.10.30.254 (from defaults), which is not a director address',
      },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS209')!.related.map((r) => r.span.line)).toEqual([14]);
    expect(diagnostics.find((d) => d.code === 'LVS209')!.help).toBe('set gateway on rs2 to 10.10.30.1');
  });

  it('reports a real server with no gateway of the VIP family, at the member', () => {
    expect(findings(lintYaml(single('gateway6: 2001:db8::1', '')), 'LVS209')).toEqual([
      {
        code: 'LVS209',
        severity: 'error',
        line: 14,
        message: 'real server rs2 of NAT service web has no IPv4 default gateway, so its replies cannot return through a director',
      },
    ]);
  });

  it('reports a gateway in a VRRP pair that is neither a director nor the VRRP address', () => {
    const diagnostics = lintYaml(pair('10.10.30.254'));
    expect(findings(diagnostics, 'LVS209').map((f) => [f.severity, f.line])).toEqual([['error', 8]]);
    expect(diagnostics.find((d) => d.code === 'LVS209')!.help).toBe('set gateway on rs1 to 10.10.30.1 (the VRRP gateway address follows the master)');
  });

  it("reports a VRRP pair whose real server uses one director's own address", () => {
    const diagnostics = lintYaml(pair('10.10.30.2'));
    expect(findings(diagnostics, 'LVS209')).toEqual([
      {
        code: 'LVS209',
        severity: 'error',
        line: 8,
        message:
          'real server rs1 of NAT service web routes replies via 10.10.30.2, the address of one director only: while another director is master, replies bypass it and its connections break',
      },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS209')!.help).toBe('set gateway on rs1 to 10.10.30.1 (the VRRP gateway address follows the master)');
    // A director's own address is labelled as such, never "not a director".
    expect(diagnostics.find((d) => d.code === 'LVS209')!.label).toBe('one director only');
    expect(lintYaml(pair('10.10.30.254')).find((d) => d.code === 'LVS209')!.label).toBe('not a director');
  });

  it('accepts a director address or the VRRP gateway address', () => {
    expect(findings(lintYaml(single('gateway6: 2001:db8::1', ', gateway: 10.10.30.1')), 'LVS209')).toEqual([]);
    expect(findings(lintYaml(pair('10.10.30.1')), 'LVS209')).toEqual([]);
  });
});
