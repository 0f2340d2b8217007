// LVS247 vrrp-router-id-duplicate: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';
import { apiService, httpService, instancesTopology, lineOf } from './vrrp-instances.fixture.js';

const vrrp = (id: number, iface = '') => `  instances:\n    side-b:\n      virtualRouterId: ${id}${iface}\n      priorities: { lb1: 100, lb2: 150 }`;

describe('LVS247 vrrp-router-id-duplicate', () => {
  it("reports a second instance with the first one's router id on its interface, at its virtualRouterId", () => {
    const text = instancesTopology(vrrp(51), `${httpService}\n${apiService('side-b')}`);
    const diagnostics = lintYaml(text);
    expect(findings(diagnostics, 'LVS247')).toEqual([
      {
        code: 'LVS247',
        severity: 'error',
        line: lineOf(text, 'virtualRouterId: 51', 5),
        message: "VRRP instances c and side-b both use virtual router id 51 for IPv4 on eth0: each would take the other's adverts as its own",
      },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS247')!.related.map((r) => r.span.line)).toEqual([4]);
  });

  it('accepts another router id, or the same one on another interface', () => {
    expect(findings(lintYaml(instancesTopology(vrrp(52), `${httpService}\n${apiService('side-b')}`)), 'LVS247')).toEqual([]);
    expect(findings(lintYaml(instancesTopology(vrrp(51, '\n      interface: eth1'), `${httpService}\n${apiService('side-b')}`)), 'LVS247')).toEqual([]);
  });
});
