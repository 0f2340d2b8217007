// LVS274 vrrp-track-interface-missing: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (track: string, lb2: string) => `
  version: 1
  cluster: c
  manager: keepalived
  vrrp:
    virtualRouterId: 51
    interface: eth0
    trackInterfaces: ${track}
  directors:
    lb1: { interfaces: { eth0: 10.0.0.2/24, eth1: 192.168.1.2/24 }, priority: 100 }
    lb2: { interfaces: ${lb2}, priority: 90 }
  realServers:
    rs1: { interfaces: { eth0: 10.0.0.21/24 } }
  services:
    http:
      vip: 10.0.0.88
      port: 80
      forwarding: dr
      realServers: [rs1]
`;

describe('LVS274 vrrp-track-interface-missing', () => {
  it('reports a tracked interface that one director lacks, at the interface, naming what that director has', () => {
    const diagnostics = lintYaml(topology('[eth0, eth1]', '{ eth0: 10.0.0.3/24 }'));
    expect(findings(diagnostics, 'LVS274')).toEqual([
      {
        code: 'LVS274',
        severity: 'error',
        line: 7,
        message: 'tracked interface eth1 does not exist on director lb2: keepalived refuses a configuration that tracks a missing interface',
      },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS274')!.related.map((r) => [r.span.line, r.message])).toEqual([[10, 'lb2 has eth0']]);
  });

  it('passes interfaces every director has', () => {
    expect(findings(lintYaml(topology('[eth0, eth1]', '{ eth0: 10.0.0.3/24, eth1: 192.168.1.3/24 }')), 'LVS274')).toEqual([]);
  });
});
