// LVS205 unused-real-server: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (members: string) => `
  version: 1
  cluster: c
  directors:
    lvs: { interfaces: { eth0: 10.10.24.2/24 } }
  realServers:
    rs1: { interfaces: { eth0: 10.10.24.21/24 } }
    rs2: { interfaces: { eth0: 10.10.24.22/24 } }
  services:
    http: { vip: 10.10.24.88, port: 80, forwarding: tun, realServers: ${members} }
`;

describe('LVS205 unused-real-server', () => {
  it('warns about a real server in no service, at its key', () => {
    const diagnostics = lintYaml(topology('[rs1]'));
    expect(findings(diagnostics, 'LVS205')).toEqual([{ code: 'LVS205', severity: 'warning', line: 7, message: 'real server rs2 belongs to no service' }]);
    expect(diagnostics.find((d) => d.code === 'LVS205')!.span?.column).toBe(3);
  });

  it('accepts real servers that all serve', () => {
    expect(findings(lintYaml(topology('[rs1, rs2]')), 'LVS205')).toEqual([]);
  });
});
