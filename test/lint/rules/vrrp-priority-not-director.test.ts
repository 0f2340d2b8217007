// LVS248 vrrp-priority-not-director: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';
import { apiService, httpService, instancesTopology, lineOf } from './vrrp-instances.fixture.js';

const vrrp = (priorities: string) => `  instances:\n    side-b:\n      virtualRouterId: 52\n      priorities:\n${priorities}`;

describe('LVS248 vrrp-priority-not-director', () => {
  it('reports a priority for a real server, at its key', () => {
    const text = instancesTopology(vrrp('        lb1: 100\n        lb2: 150\n        web1: 200'), `${httpService}\n${apiService('side-b')}`);
    expect(findings(lintYaml(text), 'LVS248')).toEqual([
      {
        code: 'LVS248',
        severity: 'error',
        line: lineOf(text, 'web1: 200'),
        message: 'VRRP instance side-b gives a priority to web1, which is a real server: only directors run VRRP',
      },
    ]);
  });

  it('accepts priorities of directors only', () => {
    expect(findings(lintYaml(instancesTopology(vrrp('        lb1: 100\n        lb2: 150'), `${httpService}\n${apiService('side-b')}`)), 'LVS248')).toEqual([]);
  });
});
