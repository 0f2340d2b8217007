// LVS213 vrrp-priority: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (lb1: string, lb2: string, lb3: string, manager = 'keepalived') => `
  version: 1
  cluster: c
  manager: ${manager}
  vrrp: { virtualRouterId: 51, interface: eth0 }
  directors:
    lb1: { interfaces: { eth0: 10.0.0.2/24 }${lb1} }
    lb2: { interfaces: { eth0: 10.0.0.3/24 }${lb2} }
    lb3: { interfaces: { eth0: 10.0.0.4/24 }${lb3} }
  realServers:
    web1: { interfaces: { eth0: 10.0.0.11/24 } }
  services:
    http: { vip: 10.0.0.100, port: 80, forwarding: dr, realServers: [web1] }
`;

describe('LVS213 vrrp-priority', () => {
  it('reports a director without a priority, at its key', () => {
    expect(findings(lintYaml(topology(', priority: 150', '', ', priority: 50')), 'LVS213')).toEqual([
      { code: 'LVS213', severity: 'error', line: 7, message: 'director lb2 has no VRRP priority' },
    ]);
  });

  it('reports a repeated priority with the first director that has it', () => {
    const diagnostics = lintYaml(topology(', priority: 100', ', priority: 150', ', priority: 100'));
    expect(findings(diagnostics, 'LVS213')).toEqual([
      { code: 'LVS213', severity: 'error', line: 8, message: 'directors lb1 and lb3 both have VRRP priority 100' },
    ]);
    const related = diagnostics.find((d) => d.code === 'LVS213')!.related;
    expect(related.map((r) => [r.span.line, r.message])).toEqual([[6, 'lb1 has it too']]);
  });

  it('accepts distinct priorities', () => {
    expect(findings(lintYaml(topology(', priority: 150', ', priority: 100', ', priority: 50')), 'LVS213')).toEqual([]);
  });

  it('does not apply to the static manager', () => {
    expect(findings(lintYaml(topology('', '', '', 'static')), 'LVS213')).toEqual([]);
  });
});
