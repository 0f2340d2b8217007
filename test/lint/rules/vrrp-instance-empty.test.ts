// LVS249 vrrp-instance-empty: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';
import { apiService, httpService, instancesTopology, lineOf } from './vrrp-instances.fixture.js';

const vrrp = (extra = '') => `  instances:\n    side-b:\n      virtualRouterId: 52\n      priorities: { lb1: 100, lb2: 150 }${extra}`;

describe('LVS249 vrrp-instance-empty', () => {
  it('reports an instance no service names and without addresses, at its name', () => {
    const text = instancesTopology(vrrp(), httpService);
    expect(findings(lintYaml(text), 'LVS249')).toEqual([
      {
        code: 'LVS249',
        severity: 'error',
        line: lineOf(text, 'side-b:'),
        message:
          'VRRP instance side-b moves no address: no service names it in `vrrpInstance` and it has no `addresses` (keepalived -t refuses an instance without one)',
      },
    ]);
  });

  it('reports the first instance when every service names another one, at vrrp', () => {
    const text = instancesTopology(vrrp(), apiService('side-b'));
    expect(findings(lintYaml(text), 'LVS249').map((f) => [f.severity, f.line, f.message])).toEqual([
      [
        'error',
        lineOf(text, 'vrrp:'),
        'the first VRRP instance (`vrrp`, c) moves no address: every service names another instance and it has no `addresses` or `gatewayAddress` (keepalived -t refuses an instance without one)',
      ],
    ]);
  });

  it('accepts an instance with a service or with addresses', () => {
    expect(findings(lintYaml(instancesTopology(vrrp(), `${httpService}\n${apiService('side-b')}`)), 'LVS249')).toEqual([]);
    expect(findings(lintYaml(instancesTopology(vrrp('\n      addresses: [10.0.0.200/24]'), httpService)), 'LVS249')).toEqual([]);
  });
});
