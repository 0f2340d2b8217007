// LVS256 port-range-reversed: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (...services: string[]) => `
  version: 1
  cluster: c
  directors:
    lvs: { interfaces: { eth0: 10.0.0.2/24 } }
  realServers:
    rs1: { interfaces: { eth0: 10.0.0.21/24 } }
  services:
${services.map((s) => `    ${s}`).join('\n')}
`;
const web = (fields: string) => `web: { vip: 10.0.0.80, ${fields}, forwarding: dr, realServers: [rs1] }`;

describe('LVS256 port-range-reversed', () => {
  it('refuses a reversed range and one beyond 65535', () => {
    expect(findings(lintYaml(topology(web('fwmark: 1, ports: [8010-8000, 65530-70000]'))), 'LVS256')).toEqual([
      { code: 'LVS256', severity: 'error', line: 8, message: 'port range 8010-8000 of service web is empty: its first port is above its last' },
      { code: 'LVS256', severity: 'error', line: 8, message: 'port range 65530-70000 of service web goes beyond port 65535' },
    ]);
  });

  it('accepts a range of one port', () => {
    expect(findings(lintYaml(topology(web('fwmark: 1, ports: [8000-8000]'))), 'LVS256')).toEqual([]);
  });
});
