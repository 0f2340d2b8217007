// LVS203 duplicate-service: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (a: string, b: string) => `
  version: 1
  cluster: c
  directors:
    lvs: { interfaces: { eth0: 10.10.24.2/24 } }
  realServers:
    rs1: { interfaces: { eth0: 10.10.24.21/24 } }
  services:
    a: { vip: 10.10.24.88, ${a}, forwarding: tun, realServers: [rs1] }
    b: { vip: 10.10.24.88, ${b}, forwarding: tun, realServers: [rs1] }
`;

describe('LVS203 duplicate-service', () => {
  it('reports two services with the same VIP, protocol and port, pointing back at the first', () => {
    const diagnostics = lintYaml(topology('port: 80', 'protocol: tcp, port: 80'));
    expect(findings(diagnostics, 'LVS203')).toEqual([
      { code: 'LVS203', severity: 'error', line: 9, message: 'services a and b are the same IPVS service (tcp 10.10.24.88:80)' },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS203')!.related.map((r) => [r.span.line, r.message])).toEqual([[8, 'a defines tcp 10.10.24.88:80']]);
  });

  it('reports two services with the same fwmark', () => {
    expect(findings(lintYaml(topology('fwmark: 7', 'fwmark: 7')), 'LVS203').map((f) => [f.severity, f.line])).toEqual([['error', 9]]);
  });

  it('accepts another protocol, another port or another fwmark', () => {
    expect(findings(lintYaml(topology('port: 80', 'protocol: udp, port: 80')), 'LVS203')).toEqual([]);
    expect(findings(lintYaml(topology('port: 80', 'port: 443')), 'LVS203')).toEqual([]);
    expect(findings(lintYaml(topology('fwmark: 7', 'fwmark: 8')), 'LVS203')).toEqual([]);
  });
});
