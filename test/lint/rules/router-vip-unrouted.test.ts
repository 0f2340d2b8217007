// LVS228 router-vip-unrouted: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (directors: string, vip: string) => `
  version: 1
  cluster: c
  manager: keepalived
  vrrp: { virtualRouterId: 7, interface: eth0 }
  router:
    name: edge
    platform: cisco-ios
    inside: { interface: Gi0/1, address: 10.0.0.1/24 }
    outside: { interface: Gi0/0, address: 112.2.21.1/24 }
  directors:
${directors}
  realServers:
    rs1: { interfaces: { eth0: 10.0.0.21/24 } }
  services:
    svc: { vip: ${vip}, port: 80, publicAddress: 112.2.21.88, forwarding: tun, realServers: [rs1] }
`;

const two = '    lb1: { interfaces: { eth0: 10.0.0.2/24 }, priority: 150 }\n    lb2: { interfaces: { eth0: 10.0.0.3/24 }, priority: 100 }';
const one = '    lb1: { interfaces: { eth0: 10.0.0.2/24 }, priority: 150 }';

describe('LVS228 router-vip-unrouted', () => {
  it('warns about a VIP off the inside subnet that moves between two directors, at the VIP', () => {
    const diagnostics = lintYaml(topology(two, '10.9.9.88'));
    expect(findings(diagnostics, 'LVS228')).toEqual([
      {
        code: 'LVS228',
        severity: 'warning',
        line: 16,
        message:
          'router edge gets no route to VIP 10.9.9.88 of service svc: it is not on the inside subnet 10.0.0.0/24 and 2 director addresses are there, and the VIP moves between them',
      },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS228')!.related.map((r) => r.span.line)).toEqual([8]);
  });

  it('accepts a VIP on the inside subnet, or off it with one director to route it through', () => {
    expect(findings(lintYaml(topology(two, '10.0.0.88')), 'LVS228')).toEqual([]);
    expect(findings(lintYaml(topology(one, '10.9.9.88')), 'LVS228')).toEqual([]);
  });
});
