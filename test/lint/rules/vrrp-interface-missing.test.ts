// LVS226 vrrp-interface-missing: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (vrrpInterface: string) => `
  version: 1
  cluster: c
  vrrp: { virtualRouterId: 51, interface: ${vrrpInterface} }
  directors:
    lb1: { interfaces: { eth0: 10.0.0.2/24, eth1: 10.1.0.2/24 }, priority: 150 }
    lb2: { interfaces: { ens3: 10.0.0.3/24 }, priority: 100 }
  realServers:
    web1: { interfaces: { eth0: 10.0.0.11/24 } }
  services:
    http: { vip: 10.0.0.100, port: 80, forwarding: dr, realServers: [web1] }
`;

describe('LVS226 vrrp-interface-missing', () => {
  it('reports each director that lacks the interface, at vrrp.interface, with the director', () => {
    const diagnostics = lintYaml(topology('eth0'));
    expect(findings(diagnostics, 'LVS226')).toEqual([
      { code: 'LVS226', severity: 'error', line: 3, message: 'VRRP interface eth0 does not exist on director lb2' },
    ]);
    const related = diagnostics.find((d) => d.code === 'LVS226')!.related;
    expect(related.map((r) => [r.span.line, r.message])).toEqual([[6, 'lb2 has ens3']]);
  });

  it('reports every director when none has it', () => {
    expect(findings(lintYaml(topology('bond0')), 'LVS226').map((f) => f.message)).toEqual([
      'VRRP interface bond0 does not exist on director lb1',
      'VRRP interface bond0 does not exist on director lb2',
    ]);
  });

  it('accepts an interface every director has', () => {
    const ok = lintYaml(topology('eth0').replace('ens3', 'eth0'));
    expect(findings(ok, 'LVS226')).toEqual([]);
  });
});

describe('LVS226 vrrp-interface-missing, for vrrp.instances', () => {
  const text = (iface: string) => `version: 1
cluster: c
vrrp:
  virtualRouterId: 51
  interface: eth0
  instances:
    back: { virtualRouterId: 52, interface: ${iface}, addresses: [10.1.0.1/24] }
directors:
  lb1: { interfaces: { eth0: 10.0.0.2/24, eth1: 10.1.0.2/24 }, priority: 150 }
  lb2: { interfaces: { eth0: 10.0.0.3/24 }, priority: 100 }
realServers:
  web1: { interfaces: { eth0: 10.0.0.11/24 } }
services:
  http: { vip: 10.0.0.100, port: 80, forwarding: dr, healthCheck: { type: tcp }, realServers: [web1] }
`;
  it("reports a director without an instance's own interface, at that interface", () => {
    expect(findings(lintYaml(text('eth1')), 'LVS226')).toEqual([
      { code: 'LVS226', severity: 'error', line: 7, message: 'VRRP interface eth1 does not exist on director lb2' },
    ]);
  });

  it('accepts an instance interface every director has', () => {
    expect(findings(lintYaml(text('eth0')), 'LVS226')).toEqual([]);
  });
});
