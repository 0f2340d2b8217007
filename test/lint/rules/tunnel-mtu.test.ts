// LVS211 tunnel-mtu: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (tunnel: string, rs1: string, vip = '10.10.24.88', lvs = '10.10.24.2/24') => `
  version: 1
  cluster: c
  directors:
    lvs: { interfaces: { eth0: ${lvs} } }
  realServers:
    rs1: { interfaces: { eth0: ${rs1} } }
  services:
    http:
      vip: ${vip}
      port: 80
      forwarding: tun
      tunnel: ${tunnel}
      realServers: [rs1]
`;

describe('LVS211 tunnel-mtu', () => {
  it('warns when clampMss is off and the tunnel header does not fit, with the MSS and the MTU that makes room', () => {
    const diagnostics = lintYaml(topology('{ type: gre, clampMss: false }', '10.10.24.21/24'));
    expect(findings(diagnostics, 'LVS211')).toEqual([
      {
        code: 'LVS211',
        severity: 'warning',
        line: 13,
        message: 'path MTU 1500 to rs1 leaves 1476 bytes inside the gre tunnel (24 bytes of headers), less than a full 1500-byte packet, and clampMss is off',
      },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS211')!.help).toBe(
      'set tunnel.clampMss: true (real servers then advertise MSS 1436), or raise the MTU between lvs and rs1 to 1524',
    );
  });

  it('takes the narrower interface MTU and the IPv6 outer header into account', () => {
    const rs1 = '{ address: 2001:db8:24::21/64, mtu: 1520 }';
    const diagnostics = lintYaml(topology('{ type: gue, port: 6080, clampMss: false }', rs1, '2001:db8:24::88', '{ address: 2001:db8:24::2/64, mtu: 9000 }'));
    expect(findings(diagnostics, 'LVS211').map((f) => [f.severity, f.line, f.message])).toEqual([
      [
        'warning',
        13,
        'path MTU 1520 to rs1 leaves 1468 bytes inside the gue tunnel (52 bytes of headers), less than a full 1500-byte packet, and clampMss is off',
      ],
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS211')!.help).toContain('MSS 1408');
  });

  it('warns about an inner MTU below the IPv6 minimum even with clampMss', () => {
    const diagnostics = lintYaml(
      topology(
        '{ type: ipip }',
        '{ address: [10.10.24.21/24, 2001:db8:24::21/64], mtu: 1280 }',
        '2001:db8:24::88',
        '{ address: [10.10.24.2/24, 2001:db8:24::2/64] }',
      ),
    );
    expect(findings(diagnostics, 'LVS211').map((f) => [f.severity, f.line, f.message])).toEqual([
      ['warning', 13, 'path MTU 1280 to rs1 leaves 1240 bytes inside the ipip tunnel (40 bytes of headers), below the IPv6 minimum of 1280'],
    ]);
  });

  it('refuses, as an error, a path MTU that leaves clampMss no room for a TCP segment', () => {
    // Found by the lint-implies-build property test: MTU 68 and gue made the real server advertise MSS -4.
    const diagnostics = lintYaml(topology('{ type: gue, port: 6080 }', '{ address: 10.10.30.21/24, mtu: 68 }'));
    expect(findings(diagnostics, 'LVS211')).toEqual([
      {
        code: 'LVS211',
        severity: 'error',
        line: 13,
        message:
          "path MTU 68 to rs1 leaves 36 bytes inside the gue tunnel (32 bytes of headers), too few for TCP: clampMss would make rs1 advertise MSS -4, below the kernel's minimum of 88",
      },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS211')!.help).toBe('raise the MTU between the directors and rs1 to at least 608');
  });

  it('accepts clampMss (the default) and a path MTU with room for the header', () => {
    expect(findings(lintYaml(topology('{ type: ipip }', '10.10.24.21/24')), 'LVS211')).toEqual([]);
    const jumbo = topology('{ type: ipip, clampMss: false }', '{ address: 10.10.24.21/24, mtu: 9000 }', '10.10.24.88', '{ address: 10.10.24.2/24, mtu: 1520 }');
    expect(findings(lintYaml(jumbo), 'LVS211')).toEqual([]);
  });
});
