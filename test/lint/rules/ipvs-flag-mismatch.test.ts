// LVS271 ipvs-flag-mismatch: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (manager: string, service: string) => `
  version: 1
  cluster: c
  manager: ${manager}
  directors:
    lb1: { interfaces: { eth0: 10.0.0.2/24 } }
  realServers:
    web1: { interfaces: { eth0: 10.0.0.11/24 } }
  services:
    s: { vip: 10.0.0.100, port: 53, forwarding: dr, realServers: [web1], healthCheck: { type: none }, ${service} }
`;

describe('LVS271 ipvs-flag-mismatch', () => {
  it('reports a flag of another scheduler, and ops on a tcp service', () => {
    expect(findings(lintYaml(topology('keepalived', 'scheduler: sh, schedulerFlags: [mh-port], onePacket: true')), 'LVS271')).toEqual([
      {
        code: 'LVS271',
        severity: 'error',
        line: 9,
        message: 'flag mh-port of service s belongs to the mh scheduler, but the service uses sh; IPVS ignores it',
      },
      { code: 'LVS271', severity: 'error', line: 9, message: 'one-packet scheduling of tcp service s: IPVS schedules single packets of udp services only' },
    ]);
  });

  it('reports flags under the static manager, whose ipvsadm rules do not carry them', () => {
    const text = topology('static', 'scheduler: sh, schedulerFlags: [sh-port]').replace(', healthCheck: { type: none }', '');
    expect(findings(lintYaml(text), 'LVS271')).toEqual([
      { code: 'LVS271', severity: 'error', line: 9, message: "service s sets scheduler flags, which the static manager's ipvsadm rules do not carry yet" },
    ]);
  });

  it('accepts flags of the scheduler in use, and ops on udp', () => {
    expect(
      findings(lintYaml(topology('keepalived', 'protocol: udp, scheduler: mh, schedulerFlags: [mh-port, mh-fallback], onePacket: true')), 'LVS271'),
    ).toEqual([]);
  });
});
