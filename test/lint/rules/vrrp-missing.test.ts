// LVS212 vrrp-missing: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (
  head: string,
  directors = 'lb1: { interfaces: { eth0: 10.0.0.2/24 }, priority: 150 }\n    lb2: { interfaces: { eth0: 10.0.0.3/24 }, priority: 100 }',
) => `
  version: 1
  cluster: c
  ${head}
  directors:
    ${directors}
  realServers:
    web1: { interfaces: { eth0: 10.0.0.11/24 } }
  services:
    http: { vip: 10.0.0.100, port: 80, forwarding: dr, realServers: [web1] }
`;

describe('LVS212 vrrp-missing', () => {
  it('reports two directors under the default keepalived manager without vrrp, at the directors key', () => {
    expect(findings(lintYaml(topology('defaults: { gateway: 10.0.0.1 }')), 'LVS212')).toEqual([
      { code: 'LVS212', severity: 'error', line: 4, message: '2 directors (lb1, lb2) run keepalived but the topology has no `vrrp` section' },
    ]);
  });

  it('reports an explicit keepalived manager too', () => {
    expect(findings(lintYaml(topology('manager: keepalived')), 'LVS212').map((f) => f.line)).toEqual([4]);
  });

  it('accepts a vrrp section', () => {
    expect(findings(lintYaml(topology('vrrp: { virtualRouterId: 51, interface: eth0 }')), 'LVS212')).toEqual([]);
  });

  it('accepts one director', () => {
    expect(findings(lintYaml(topology('manager: keepalived', 'lb1: { interfaces: { eth0: 10.0.0.2/24 } }')), 'LVS212')).toEqual([]);
  });

  it('leaves the static manager to LVS215', () => {
    expect(findings(lintYaml(topology('manager: static')), 'LVS212')).toEqual([]);
  });
});
