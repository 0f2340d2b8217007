// LVS253 vrrp-address-duplicate: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';
import { apiService, httpService, instancesTopology, lineOf } from './vrrp-instances.fixture.js';

const vrrp = (first: string, second: string) =>
  `${first}  instances:\n    side-b:\n      virtualRouterId: 52\n      priorities: { lb1: 100, lb2: 150 }\n      addresses: [${second}]`;
const services = `${httpService}\n${apiService('side-b')}`;

describe('LVS253 vrrp-address-duplicate', () => {
  it("reports an instance's address that another instance moves as a VIP, at the address", () => {
    const text = instancesTopology(vrrp('', '10.0.0.100/24'), services);
    const diagnostics = lintYaml(text);
    expect(findings(diagnostics, 'LVS253')).toEqual([
      {
        code: 'LVS253',
        severity: 'error',
        line: lineOf(text, 'addresses: [10.0.0.100/24]'),
        message: 'floating address 10.0.0.100 of VRRP instance side-b is also the VIP of service http, moved by c',
      },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS253')!.related.map((r) => r.span.line)).toEqual([lineOf(text, 'http:')]);
  });

  it('reports an address written in two instances', () => {
    const text = instancesTopology(vrrp('  addresses: [10.0.0.200/24]\n', '10.0.0.200/24'), services);
    expect(findings(lintYaml(text), 'LVS253').map((f) => [f.severity, f.line, f.message])).toEqual([
      [
        'error',
        lineOf(text, 'addresses: [10.0.0.200/24]', 6),
        'floating address 10.0.0.200 of VRRP instance side-b is also an address of instance c, moved by c',
      ],
    ]);
  });

  it("reports a floating address that is a host's own address, with the host's interface", () => {
    const text = instancesTopology(vrrp('  addresses: [10.0.0.3/24]\n', '10.0.0.201/24'), services);
    const diagnostics = lintYaml(text);
    expect(findings(diagnostics, 'LVS253').map((f) => [f.severity, f.line, f.message])).toEqual([
      ['error', lineOf(text, 'addresses: [10.0.0.3/24]'), 'floating address 10.0.0.3 of VRRP instance c is also the address of lb2 on eth0'],
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS253')!.related.map((r) => r.span.line)).toEqual([lineOf(text, '  lb2: { interfaces')]);
  });

  it('accepts addresses moved once', () => {
    expect(findings(lintYaml(instancesTopology(vrrp('  addresses: [10.0.0.200/24]\n', '10.0.0.201/24'), services)), 'LVS253')).toEqual([]);
  });
});
