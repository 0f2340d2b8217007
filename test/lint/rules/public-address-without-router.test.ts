// LVS216 public-address-without-router: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const router = `router:
    name: edge
    platform: cisco-ios
    inside: { interface: Gi0/1, address: 10.0.0.1/24 }
    outside: { interface: Gi0/0, address: 112.2.21.1/24 }`;

const topology = (head: string, publicAddress = 'publicAddress: 112.2.21.88, ') => `
  version: 1
  cluster: c
  ${head}
  directors:
    lvs: { interfaces: { eth0: 10.0.0.2/24 } }
  realServers:
    rs1: { interfaces: { eth0: 10.0.0.21/24 } }
  services:
    http: { vip: 10.0.0.88, ${publicAddress}port: 80, forwarding: tun, realServers: [rs1] }
`;

describe('LVS216 public-address-without-router', () => {
  it('reports a public address when there is no router', () => {
    expect(findings(lintYaml(topology('defaults: { gateway: 10.0.0.1 }')), 'LVS216')).toEqual([
      { code: 'LVS216', severity: 'error', line: 9, message: 'service http has public address 112.2.21.88 but the topology has no `router` to map it' },
    ]);
  });

  it('accepts a public address with a router', () => {
    expect(findings(lintYaml(topology(router)), 'LVS216')).toEqual([]);
  });

  it('accepts no public address and no router', () => {
    expect(findings(lintYaml(topology('defaults: { gateway: 10.0.0.1 }', '')), 'LVS216')).toEqual([]);
  });
});
