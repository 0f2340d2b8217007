// LVS233 ipv6-mtu-too-small: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (rs1: string) => `
  version: 1
  cluster: c
  directors:
    lvs: { interfaces: { eth0: { address: [10.10.24.2/24, 2001:db8:24::2/64] } } }
  realServers:
    rs1:
      interfaces:
        eth0: ${rs1}
  services:
    http: { vip: 10.10.24.88, port: 80, forwarding: dr, realServers: [rs1] }
`;

describe('LVS233 ipv6-mtu-too-small', () => {
  it('reports an IPv6 interface with MTU 576, at the MTU, with the address', () => {
    const diagnostics = lintYaml(topology('{ address: [10.10.24.21/24, 2001:db8:24::21/64], mtu: 576 }'));
    expect(findings(diagnostics, 'LVS233')).toEqual([
      {
        code: 'LVS233',
        severity: 'error',
        line: 8,
        message:
          "interface eth0 of rs1 has IPv6 address 2001:db8:24::21/64 but MTU 576, below IPv6's minimum of 1280: the kernel disables IPv6 on it and refuses the address",
      },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS233')!.related.map((r) => r.span.line)).toEqual([8]);
  });

  it('accepts a small MTU on an IPv4-only interface, and 1280 with IPv6', () => {
    expect(findings(lintYaml(topology('{ address: 10.10.24.21/24, mtu: 576 }')), 'LVS233')).toEqual([]);
    expect(findings(lintYaml(topology('{ address: [10.10.24.21/24, 2001:db8:24::21/64], mtu: 1280 }')), 'LVS233')).toEqual([]);
  });
});
