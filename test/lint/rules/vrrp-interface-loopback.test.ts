// LVS231 vrrp-interface-loopback: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (vrrpInterface: string) => `
  version: 1
  cluster: c
  vrrp: { virtualRouterId: 51, interface: ${vrrpInterface} }
  directors:
    lb1: { interfaces: { eth0: 10.0.0.2/24 }, priority: 150 }
    lb2: { interfaces: { eth0: 10.0.0.3/24 }, priority: 100 }
  realServers:
    web1: { interfaces: { eth0: 10.0.0.11/24 } }
  services:
    http: { vip: 10.0.0.100, port: 80, forwarding: dr, realServers: [web1] }
`;

describe('LVS231 vrrp-interface-loopback', () => {
  it('reports vrrp.interface lo, at the value', () => {
    expect(findings(lintYaml(topology('lo')), 'LVS231')).toEqual([
      {
        code: 'LVS231',
        severity: 'error',
        line: 3,
        message: 'VRRP interface `lo` is the loopback device: adverts sent there never reach another director, so every director becomes master',
      },
    ]);
  });

  it('accepts the shared segment interface', () => {
    expect(findings(lintYaml(topology('eth0')), 'LVS231')).toEqual([]);
  });
});

describe('LVS231 vrrp-interface-loopback, for vrrp.instances', () => {
  const text = (iface: string) => `version: 1
cluster: c
vrrp:
  virtualRouterId: 51
  interface: eth0
  instances:
    back: { virtualRouterId: 52, interface: ${iface}, addresses: [10.0.0.200/24] }
directors:
  lb1: { interfaces: { eth0: 10.0.0.2/24 }, priority: 150 }
  lb2: { interfaces: { eth0: 10.0.0.3/24 }, priority: 100 }
realServers:
  web1: { interfaces: { eth0: 10.0.0.11/24 } }
services:
  http: { vip: 10.0.0.100, port: 80, forwarding: dr, realServers: [web1] }
`;
  it("reports an instance's interface lo, at its value", () => {
    expect(findings(lintYaml(text('lo')), 'LVS231').map((f) => [f.severity, f.line, f.message])).toEqual([
      [
        'error',
        7,
        'VRRP interface `lo` of instance back is the loopback device: adverts sent there never reach another director, so every director becomes master',
      ],
    ]);
  });

  it('accepts another interface', () => {
    expect(findings(lintYaml(text('eth0')), 'LVS231')).toEqual([]);
  });
});
