// LVS236 vrrp-gateway-unused: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (gatewayAddress: string, rsGateway: string) => `
  version: 1
  cluster: c
  vrrp: { virtualRouterId: 51, interface: eth1, gatewayAddress: ${gatewayAddress} }
  directors:
    lb1: { interfaces: { eth0: 10.10.24.2/24, eth1: 10.10.30.2/24 }, priority: 150 }
    lb2: { interfaces: { eth0: 10.10.24.3/24, eth1: 10.10.30.3/24 }, priority: 100 }
  realServers:
    rs1: { interfaces: { eth0: 10.10.30.21/24 }, gateway: ${rsGateway} }
  services:
    http:
      vip: 10.10.24.88
      port: 80
      forwarding: nat
      healthCheck: { type: tcp }
      realServers: [rs1]
`;

describe('LVS236 vrrp-gateway-unused', () => {
  it('warns when the floating gateway is on no subnet of a director', () => {
    const diagnostics = lintYaml(topology('10.10.40.1/24', '10.10.30.1'));
    expect(findings(diagnostics, 'LVS236')).toEqual([
      {
        code: 'LVS236',
        severity: 'warning',
        line: 3,
        message: 'floating gateway 10.10.40.1/24 is on none of the subnets of directors lb1, lb2, so no real server there can reach it',
      },
    ]);
  });

  it('warns when no NAT real server routes through it', () => {
    expect(findings(lintYaml(topology('10.10.30.1/24', '10.10.30.2')), 'LVS236')).toEqual([
      {
        code: 'LVS236',
        severity: 'warning',
        line: 3,
        message: 'no NAT real server routes through floating gateway 10.10.30.1/24: keepalived moves an address that nothing uses',
      },
    ]);
  });

  it("accepts a floating gateway on the directors' subnet that a NAT real server uses", () => {
    expect(findings(lintYaml(topology('10.10.30.1/24', '10.10.30.1')), 'LVS236')).toEqual([]);
  });
});
