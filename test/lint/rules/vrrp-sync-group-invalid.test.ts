// LVS252 vrrp-sync-group-invalid: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';
import { apiService, httpService, instancesTopology, lineOf } from './vrrp-instances.fixture.js';

const vrrp = (first: string, priorities: string, second: string) =>
  `${first}  instances:\n    side-b:\n      virtualRouterId: 52\n      priorities: { ${priorities} }${second}`;
const services = `${httpService}\n${apiService('side-b')}`;

describe('LVS252 vrrp-sync-group-invalid', () => {
  it('reports a group of one instance, at its syncGroup', () => {
    const text = instancesTopology(vrrp('  syncGroup: edge\n', 'lb1: 200, lb2: 150', ''), services);
    expect(findings(lintYaml(text), 'LVS252')).toEqual([
      {
        code: 'LVS252',
        severity: 'error',
        line: lineOf(text, 'syncGroup: edge'),
        message: 'sync group edge has one instance, c: keepalived refuses a group of one ("this probably isn\'t what you want")',
      },
    ]);
  });

  it('reports a group whose instances have different MASTERs, at the second one', () => {
    const text = instancesTopology(vrrp('  syncGroup: edge\n', 'lb1: 100, lb2: 150', '\n      syncGroup: edge'), services);
    const diagnostics = lintYaml(text);
    expect(findings(diagnostics, 'LVS252')).toEqual([
      {
        code: 'LVS252',
        severity: 'error',
        line: lineOf(text, 'syncGroup: edge', 6),
        message:
          'sync group edge joins c, whose MASTER is lb1, and side-b, whose MASTER is lb2: keepalived makes a director MASTER of a group only when it wins every instance of it, which none would',
      },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS252')!.related.map((r) => r.span.line)).toEqual([lineOf(text, 'syncGroup: edge')]);
  });

  it('accepts a group of instances with one MASTER', () => {
    expect(findings(lintYaml(instancesTopology(vrrp('  syncGroup: edge\n', 'lb1: 200, lb2: 150', '\n      syncGroup: edge'), services)), 'LVS252')).toEqual([]);
  });
});
