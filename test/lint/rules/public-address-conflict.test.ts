// LVS217 public-address-conflict: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (web: string, api: string) => `
  version: 1
  cluster: c
  router:
    name: edge
    platform: cisco-ios
    inside: { interface: Gi0/1, address: 10.0.0.1/24 }
    outside: { interface: Gi0/0, address: 112.2.21.1/24 }
  directors:
    lvs: { interfaces: { eth0: 10.0.0.2/24 } }
  realServers:
    rs1: { interfaces: { eth0: 10.0.0.21/24 } }
  services:
    web: { vip: 10.0.0.88, ${web}, forwarding: tun, realServers: [rs1] }
    api: { vip: 10.0.0.89, ${api}, forwarding: tun, realServers: [rs1] }
`;

describe('LVS217 public-address-conflict', () => {
  it('reports two services mapping the same public address, protocol and port, with the first', () => {
    const diagnostics = lintYaml(topology('publicAddress: 112.2.21.88, port: 80', 'publicAddress: 112.2.21.88, port: 8080, publicPort: 80'));
    expect(findings(diagnostics, 'LVS217')).toEqual([
      { code: 'LVS217', severity: 'error', line: 13, message: 'services api and web both map public 112.2.21.88 tcp/80 on the router' },
    ]);
    const related = diagnostics.find((d) => d.code === 'LVS217')!.related;
    expect(related.map((r) => [r.span.line, r.message])).toEqual([[14, 'first mapped by api']]);
  });

  it('reports a public address equal to the router inside address', () => {
    const diagnostics = lintYaml(topology('publicAddress: 10.0.0.1, port: 80', 'port: 80'));
    expect(findings(diagnostics, 'LVS217')).toEqual([
      { code: 'LVS217', severity: 'error', line: 13, message: 'service web uses public address 10.0.0.1, which is the inside address of router edge' },
    ]);
    const related = diagnostics.find((d) => d.code === 'LVS217')!.related;
    expect(related.map((r) => [r.span.line, r.message])).toEqual([[6, 'Gi0/1 is the inside interface']]);
  });

  it('accepts the same public address on different ports or protocols', () => {
    expect(findings(lintYaml(topology('publicAddress: 112.2.21.88, port: 80', 'publicAddress: 112.2.21.88, port: 80, protocol: udp')), 'LVS217')).toEqual([]);
    expect(findings(lintYaml(topology('publicAddress: 112.2.21.88, port: 80', 'publicAddress: 112.2.21.88, port: 443')), 'LVS217')).toEqual([]);
  });
});
