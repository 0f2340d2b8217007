// LVS225 service-port-or-fwmark: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (selector: string) => `
  version: 1
  cluster: c
  directors:
    lvs: { interfaces: { eth0: 10.10.24.2/24 } }
  realServers:
    rs1: { interfaces: { eth0: 10.10.24.21/24 } }
  services:
    http:
      vip: 10.10.24.88
      forwarding: tun
      ${selector}
      realServers: [rs1]
`;

describe('LVS225 service-port-or-fwmark', () => {
  it('reports a service with neither port nor fwmark, at its key', () => {
    expect(findings(lintYaml(topology('persistence: 300')), 'LVS225')).toEqual([
      { code: 'LVS225', severity: 'error', line: 8, message: 'service http has neither port nor fwmark' },
    ]);
  });

  it('reports a service with both, at the fwmark with the port as related span', () => {
    const diagnostics = lintYaml(topology('port: 80\n      fwmark: 1'));
    expect(findings(diagnostics, 'LVS225')).toEqual([{ code: 'LVS225', severity: 'error', line: 12, message: 'service http has both port 80 and fwmark 1' }]);
    expect(diagnostics.find((d) => d.code === 'LVS225')!.related.map((r) => r.span.line)).toEqual([11]);
  });

  it('accepts a port or a fwmark', () => {
    expect(findings(lintYaml(topology('port: 80')), 'LVS225')).toEqual([]);
    expect(findings(lintYaml(topology('fwmark: 1')), 'LVS225')).toEqual([]);
  });
});
