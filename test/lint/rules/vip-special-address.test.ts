// LVS232 vip-special-address: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (vip: string, lvs = '{ eth0: { address: [10.10.24.2/24, 2001:db8:24::2/64] } }') => `
  version: 1
  cluster: c
  directors:
    lvs: { interfaces: ${lvs} }
  realServers:
    rs1: { interfaces: { eth0: { address: [10.10.24.21/24, 2001:db8:24::21/64] } } }
  services:
    http: { vip: '${vip}', port: 80, forwarding: tun, realServers: [rs1] }
`;

const messageFor = (vip: string): string | undefined => findings(lintYaml(topology(vip)), 'LVS232')[0]?.message;

describe('LVS232 vip-special-address', () => {
  it('reports a loopback VIP, at the VIP', () => {
    expect(findings(lintYaml(topology('127.0.0.1')), 'LVS232')).toEqual([
      {
        code: 'LVS232',
        severity: 'error',
        line: 8,
        message: 'VIP `127.0.0.1` of service http is loopback (`127.0.0.0/8`): clients cannot reach a service there',
      },
    ]);
  });

  it('reports unspecified, multicast, broadcast and link-local VIPs of both families', () => {
    expect(messageFor('0.0.0.0')).toContain('the unspecified "this network" range');
    expect(messageFor('224.0.0.18')).toContain("multicast (224.0.0.18 is VRRP's own group)");
    expect(messageFor('255.255.255.255')).toContain('`240.0.0.0/4`');
    expect(messageFor('169.254.10.88')).toContain('link-local');
    expect(messageFor('::')).toContain('the unspecified address');
    expect(messageFor('::1')).toContain('loopback (`::1/128`)');
    expect(messageFor('ff02::12')).toContain('multicast (`ff00::/8`)');
    expect(messageFor('fe80::88')).toContain('link-local (`fe80::/10`)');
    expect(messageFor('::ffff:10.10.24.88')).toContain('IPv4-mapped');
  });

  it('accepts unicast VIPs, private and documentation ranges included', () => {
    for (const vip of ['10.10.24.88', '192.0.2.10', '223.255.255.254', '2001:db8:24::88', 'fd00::88', 'fec0::1']) {
      expect(findings(lintYaml(topology(vip)), 'LVS232'), vip).toEqual([]);
    }
  });
});
