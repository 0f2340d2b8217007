// LVS257 marked-ports-overlap: failing and passing cases.
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

describe('LVS257 marked-ports-overlap', () => {
  it('refuses a marked port that is a plain service port, or marked twice, on the same VIP and protocol', () => {
    const tls = 'tls: { vip: 10.0.0.80, port: 443, forwarding: dr, realServers: [rs1] }';
    expect(findings(lintYaml(topology(web('fwmark: 1, ports: [80, 443]'), tls)), 'LVS257')).toEqual([
      { code: 'LVS257', severity: 'error', line: 8, message: 'tcp port 443 of 10.0.0.80 is marked for service web and is the port of service tls' },
    ]);
    const app = 'app: { vip: 10.0.0.80, fwmark: 2, ports: [8005-8020], forwarding: dr, realServers: [rs1] }';
    expect(findings(lintYaml(topology(web('fwmark: 1, ports: [8000-8010]'), app)), 'LVS257')).toEqual([
      { code: 'LVS257', severity: 'error', line: 9, message: 'tcp port 8005 of 10.0.0.80 is marked for service app and is also marked for service web' },
    ]);
  });

  it('accepts the same port on another protocol or VIP', () => {
    const dns = 'dns: { vip: 10.0.0.80, protocol: udp, port: 443, forwarding: dr, realServers: [rs1] }';
    const other = 'other: { vip: 10.0.0.81, port: 443, forwarding: dr, realServers: [rs1] }';
    expect(findings(lintYaml(topology(web('fwmark: 1, ports: [80, 443]'), dns, other)), 'LVS257')).toEqual([]);
  });
});
