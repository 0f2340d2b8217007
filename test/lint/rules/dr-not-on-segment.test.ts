// LVS208 dr-not-on-segment: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (lb2: string, web2: string, vip = '192.168.10.100') => `
  version: 1
  cluster: c
  vrrp: { virtualRouterId: 51, interface: eth0 }
  directors:
    lb1: { interfaces: { eth0: 192.168.10.2/24 }, priority: 150 }
    lb2: { interfaces: { eth0: ${lb2} }, priority: 100 }
  realServers:
    web1: { interfaces: { eth0: 192.168.10.11/24 } }
    web2: { interfaces: { eth0: ${web2} } }
  services:
    https:
      vip: ${vip}
      port: 443
      forwarding: dr
      realServers: [web1, web2]
`;

describe('LVS208 dr-not-on-segment', () => {
  it('reports a VIP outside a director subnet, at the VIP with the director as related span', () => {
    const diagnostics = lintYaml(topology('192.168.20.3/24', '192.168.10.12/24'));
    expect(findings(diagnostics, 'LVS208')).toEqual([
      {
        code: 'LVS208',
        severity: 'error',
        line: 12,
        message: "service https uses direct routing, but its VIP 192.168.10.100 is on none of director lb2's subnets",
      },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS208')!.related.map((r) => r.span.line)).toEqual([6]);
  });

  it('reports a member real server off the VIP segment, at the member entry', () => {
    const diagnostics = lintYaml(topology('192.168.10.3/24', '192.168.20.12/24'));
    expect(findings(diagnostics, 'LVS208')).toEqual([
      {
        code: 'LVS208',
        severity: 'error',
        line: 15,
        message: "real server web2 of DR service https has no address on the VIP's segment 192.168.10.0/24",
      },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS208')!.related.map((r) => r.span.line)).toEqual([9]);
  });

  it('accepts directors and real servers that share the VIP segment', () => {
    expect(findings(lintYaml(topology('192.168.10.3/24', '{ address: [10.0.0.12/8, 192.168.10.12/24] }')), 'LVS208')).toEqual([]);
  });
});
