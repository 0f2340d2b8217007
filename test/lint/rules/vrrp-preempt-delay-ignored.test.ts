// LVS243 vrrp-preempt-delay-ignored: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (vrrp: string) => `
  version: 1
  cluster: c
  vrrp:
    virtualRouterId: 51
    interface: eth0
    ${vrrp}
  directors:
    lb1: { interfaces: { eth0: 10.0.0.2/24 }, priority: 150 }
    lb2: { interfaces: { eth0: 10.0.0.3/24 }, priority: 100 }
  realServers:
    web1: { interfaces: { eth0: 10.0.0.11/24 } }
  services:
    http: { vip: 10.0.0.100, port: 80, forwarding: dr, healthCheck: { type: tcp }, realServers: [web1] }
`;

describe('LVS243 vrrp-preempt-delay-ignored', () => {
  it('warns about preemptDelay without preempt, at the key', () => {
    expect(findings(lintYaml(topology('preemptDelay: 60')), 'LVS243')).toEqual([
      {
        code: 'LVS243',
        severity: 'warning',
        line: 6,
        message: '`preemptDelay` has no effect: `vrrp.preempt` is false, so no director takes the VIPs back from a running MASTER',
      },
    ]);
    expect(findings(lintYaml(topology('preempt: false\n    preemptDelay: 60')), 'LVS243').map((f) => [f.severity, f.line])).toEqual([['warning', 7]]);
  });

  it('accepts a delay with preempt: true, and either setting alone', () => {
    expect(findings(lintYaml(topology('preempt: true\n    preemptDelay: 60')), 'LVS243')).toEqual([]);
    expect(findings(lintYaml(topology('preempt: true')), 'LVS243')).toEqual([]);
    expect(findings(lintYaml(topology('preempt: false')), 'LVS243')).toEqual([]);
  });
});
