// LVS215 static-manager-multiple-directors: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (manager: string, lb2 = 'lb2: { interfaces: { eth0: 10.0.0.3/24 } }') => `
  version: 1
  cluster: c
  ${manager}
  directors:
    lb1: { interfaces: { eth0: 10.0.0.2/24 } }
    ${lb2}
  realServers:
    web1: { interfaces: { eth0: 10.0.0.11/24 } }
  services:
    http: { vip: 10.0.0.100, port: 80, forwarding: dr, realServers: [web1] }
`;

describe('LVS215 static-manager-multiple-directors', () => {
  it('reports `manager: static` with two directors, at the manager value', () => {
    const diagnostics = lintYaml(topology('manager: static'));
    expect(findings(diagnostics, 'LVS215')).toEqual([
      {
        code: 'LVS215',
        severity: 'error',
        line: 3,
        message: 'the static manager cannot run 2 directors (lb1, lb2): each would bring up the VIPs and answer ARP for them',
      },
    ]);
    const d = diagnostics.find((x) => x.code === 'LVS215')!;
    expect(d.span?.column).toBe(10);
    expect(d.related.map((r) => [r.span.line, r.message])).toEqual([[4, '2 directors here']]);
    expect(d.help).toContain('keepalived');
  });

  it('accepts keepalived with two directors', () => {
    expect(findings(lintYaml(topology('manager: keepalived')), 'LVS215')).toEqual([]);
  });

  it('accepts static with one director', () => {
    expect(findings(lintYaml(topology('manager: static', '')), 'LVS215')).toEqual([]);
  });
});
