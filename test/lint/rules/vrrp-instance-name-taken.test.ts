// LVS254 vrrp-instance-name-taken: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';
import { apiService, httpService, instancesTopology, lineOf } from './vrrp-instances.fixture.js';

const vrrp = (name: string) => `  instances:\n    ${name}:\n      virtualRouterId: 52\n      priorities: { lb1: 200, lb2: 150 }`;

describe('LVS254 vrrp-instance-name-taken', () => {
  it("reports an instance with the cluster's name, at its name", () => {
    const text = instancesTopology(vrrp('c'), `${httpService}\n${apiService('c')}`);
    const diagnostics = lintYaml(text);
    expect(findings(diagnostics, 'LVS254')).toEqual([
      {
        code: 'LVS254',
        severity: 'error',
        line: lineOf(text, '    c:'),
        message: "VRRP instance c has the cluster's name, which names the first instance (`vrrp` itself) in keepalived.conf",
      },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS254')!.related.map((r) => r.span.line)).toEqual([2]);
  });

  it('accepts another name', () => {
    expect(findings(lintYaml(instancesTopology(vrrp('side-b'), `${httpService}\n${apiService('side-b')}`)), 'LVS254')).toEqual([]);
  });
});
