// LVS255 ports-need-fwmark: failing and passing cases.
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

describe('LVS255 ports-need-fwmark', () => {
  it('refuses ports without fwmark, and ports beside port', () => {
    expect(findings(lintYaml(topology(web('ports: [80, 443]'))), 'LVS255')).toEqual([
      { code: 'LVS255', severity: 'error', line: 8, message: 'service web groups ports but has no fwmark to mark them with' },
    ]);
    expect(findings(lintYaml(topology(web('fwmark: 1, port: 80, ports: [80, 443]'))), 'LVS255')).toEqual([
      { code: 'LVS255', severity: 'error', line: 8, message: 'service web has both port 80 and ports' },
    ]);
  });

  it('accepts ports with fwmark, and fwmark alone (the mark set elsewhere)', () => {
    expect(lintYaml(topology(web('fwmark: 1, ports: [80, 443, 8000-8010]'))).filter((d) => d.severity === 'error')).toEqual([]);
    expect(findings(lintYaml(topology(web('fwmark: 1'))), 'LVS255')).toEqual([]);
  });
});
