// LVS250 vrrp-instance-priority-tie: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';
import { apiService, httpService, instancesTopology, lineOf } from './vrrp-instances.fixture.js';

const vrrp = (priorities: string) => `  instances:\n    side-b:\n      virtualRouterId: 52\n      priorities:\n${priorities}`;

describe('LVS250 vrrp-instance-priority-tie', () => {
  it("reports a written priority equal to another director's in the instance, at that entry", () => {
    // lb1 keeps its own 150 here; lb2 is given 150 too.
    const text = instancesTopology(vrrp('        lb2: 150'), `${httpService}\n${apiService('side-b')}`);
    expect(findings(lintYaml(text), 'LVS250')).toEqual([
      {
        code: 'LVS250',
        severity: 'error',
        line: lineOf(text, 'lb2: 150'),
        message: 'directors lb1 and lb2 both have priority 150 in VRRP instance side-b',
      },
    ]);
  });

  it('accepts distinct priorities, written or inherited', () => {
    expect(findings(lintYaml(instancesTopology(vrrp('        lb2: 200'), `${httpService}\n${apiService('side-b')}`)), 'LVS250')).toEqual([]);
  });
});
