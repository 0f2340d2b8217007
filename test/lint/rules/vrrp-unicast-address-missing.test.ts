// LVS242 vrrp-unicast-address-missing: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (unicast: string, lb2: string) => `
  version: 1
  cluster: c
  vrrp: { virtualRouterId: 51, interface: eth0, unicast: ${unicast} }
  directors:
    lb1: { interfaces: { eth0: 10.0.0.2/24 }, priority: 150 }
    lb2: { interfaces: { eth0: ${lb2}, eth1: 10.0.0.3/24 }, priority: 100 }
  realServers:
    web1: { interfaces: { eth0: 10.0.0.11/24 } }
  services:
    http: { vip: 10.0.0.100, port: 80, forwarding: dr, healthCheck: { type: tcp }, realServers: [web1] }
`;

describe('LVS242 vrrp-unicast-address-missing', () => {
  it('reports a director without an address of the VRRP family on the VRRP interface, at the interface, with vrrp.unicast', () => {
    const diagnostics = lintYaml(topology('true', '2001:db8::3/64'));
    expect(findings(diagnostics, 'LVS242')).toEqual([
      {
        code: 'LVS242',
        severity: 'error',
        line: 6,
        message:
          "director lb2 has no IPv4 address on eth0, the VRRP interface: unicast adverts need one as `unicast_src_ip` and as the other directors' peer address",
      },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS242')!.related.map((r) => r.span.line)).toEqual([3]);
  });

  it('accepts multicast, and unicast when every director has an address there', () => {
    expect(findings(lintYaml(topology('false', '2001:db8::3/64')), 'LVS242')).toEqual([]);
    expect(findings(lintYaml(topology('true', '10.0.0.4/24')), 'LVS242')).toEqual([]);
  });
});

describe('LVS242 vrrp-unicast-address-missing, for vrrp.instances', () => {
  const text = (lb2eth1: string) => `version: 1
cluster: c
vrrp:
  virtualRouterId: 51
  interface: eth0
  unicast: true
  instances:
    back: { virtualRouterId: 52, interface: eth1, addresses: [10.1.0.1/24] }
directors:
  lb1: { interfaces: { eth0: 10.0.0.2/24, eth1: 10.1.0.2/24 }, priority: 150 }
  lb2: { interfaces: { eth0: 10.0.0.3/24, eth1: ${lb2eth1} }, priority: 100 }
realServers:
  web1: { interfaces: { eth0: 10.0.0.11/24 } }
services:
  http: { vip: 10.0.0.100, port: 80, forwarding: dr, healthCheck: { type: tcp }, realServers: [web1] }
`;
  it("reports a director without an address of the instance's family on the instance's interface", () => {
    expect(findings(lintYaml(text('2001:db8:1::3/64')), 'LVS242')).toEqual([
      {
        code: 'LVS242',
        severity: 'error',
        line: 11,
        message:
          "director lb2 has no IPv4 address on eth1, the interface of VRRP instance back: unicast adverts need one as `unicast_src_ip` and as the other directors' peer address",
      },
    ]);
  });

  it('accepts an address of that family there', () => {
    expect(findings(lintYaml(text('10.1.0.3/24')), 'LVS242')).toEqual([]);
  });
});
