// LVS246 vrrp-instance-unknown: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';
import { apiService, httpService, instancesTopology, lineOf } from './vrrp-instances.fixture.js';

const vrrp = '  instances:\n    side-b: { virtualRouterId: 52, priorities: { lb1: 100, lb2: 150 } }';

describe('LVS246 vrrp-instance-unknown', () => {
  it('reports a service naming no instance, at its vrrpInstance', () => {
    const text = instancesTopology(vrrp, `${httpService}\n${apiService('side-c')}`);
    expect(findings(lintYaml(text), 'LVS246')).toEqual([
      {
        code: 'LVS246',
        severity: 'error',
        line: lineOf(text, 'vrrpInstance: side-c'),
        message: 'service api names VRRP instance side-c, which does not exist: no instance would move its VIP',
      },
    ]);
  });

  it('accepts one of vrrp.instances and the cluster name for the first', () => {
    expect(findings(lintYaml(instancesTopology(vrrp, `${httpService}\n${apiService('side-b')}`)), 'LVS246')).toEqual([]);
    expect(findings(lintYaml(instancesTopology('', `${httpService}\n${apiService('c')}`)), 'LVS246')).toEqual([]);
  });
});
