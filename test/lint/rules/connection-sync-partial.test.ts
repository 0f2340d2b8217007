// LVS251 connection-sync-partial: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';
import { apiService, httpService, instancesTopology, lineOf } from './vrrp-instances.fixture.js';

const vrrp = (priorities: string, sync = '') => `${sync}  instances:\n    side-b:\n      virtualRouterId: 52\n      priorities: { ${priorities} }`;

describe('LVS251 connection-sync-partial', () => {
  it('warns about an instance with services whose MASTER is not the first instance’s, at its name', () => {
    const text = instancesTopology(vrrp('lb1: 100, lb2: 150'), `${httpService}\n${apiService('side-b')}`);
    const diagnostics = lintYaml(text);
    expect(findings(diagnostics, 'LVS251')).toEqual([
      {
        code: 'LVS251',
        severity: 'warning',
        line: lineOf(text, 'side-b:'),
        message:
          "connections of VRRP instance side-b are not synchronised: keepalived's one sync daemon follows c, sending from its MASTER lb1, while side-b's MASTER is lb2; a failover of side-b resets its connections",
      },
    ]);
  });

  it('accepts instances with the same MASTER, or connection sync turned off', () => {
    expect(findings(lintYaml(instancesTopology(vrrp('lb1: 200, lb2: 150'), `${httpService}\n${apiService('side-b')}`)), 'LVS251')).toEqual([]);
    const off = instancesTopology(vrrp('lb1: 100, lb2: 150', '  connectionSync: false\n'), `${httpService}\n${apiService('side-b')}`);
    expect(findings(lintYaml(off), 'LVS251')).toEqual([]);
  });
});
