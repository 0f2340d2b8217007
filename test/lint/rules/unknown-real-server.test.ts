// LVS204 unknown-real-server: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (members: string) => `
  version: 1
  cluster: c
  directors:
    lvs: { interfaces: { eth0: 10.10.24.2/24 } }
  realServers:
    web1: { interfaces: { eth0: 10.10.24.21/24 } }
    web2: { interfaces: { eth0: 10.10.24.22/24 } }
  services:
    http:
      vip: 10.10.24.88
      port: 80
      forwarding: tun
      realServers:
        ${members}
`;

describe('LVS204 unknown-real-server', () => {
  it('reports a misspelt member with a suggestion', () => {
    const diagnostics = lintYaml(topology('[web1, web2, webb2]'));
    expect(findings(diagnostics, 'LVS204')).toEqual([
      { code: 'LVS204', severity: 'error', line: 14, message: 'service http lists real server webb2, which is not defined under realServers' },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS204')!.help).toBe('did you mean web2?');
  });

  it('points at the server key of the object form', () => {
    const diagnostics = lintYaml(topology('[web1, web2, { server: db9, weight: 2 }]'));
    const d = diagnostics.find((x) => x.code === 'LVS204')!;
    expect([d.span?.line, d.span?.column]).toEqual([14, 30]);
    expect(d.help).toBe('define db9 under realServers, or remove it from http');
  });

  it('accepts defined members', () => {
    expect(findings(lintYaml(topology('[web1, { server: web2 }]')), 'LVS204')).toEqual([]);
  });
});
