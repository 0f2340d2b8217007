// LVS229 duplicate-host-name: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (routerName: string, rs1: string) => `
  version: 1
  cluster: c
  router:
    name: ${routerName}
    platform: cisco-ios
    inside: { interface: GigabitEthernet0/1, address: 10.10.24.1/24 }
    outside: { interface: GigabitEthernet0/0, address: 112.2.21.1/24 }
  directors:
    lvs: { interfaces: { eth0: 10.10.24.2/24 } }
  realServers:
    ${rs1}: { interfaces: { eth0: 10.10.24.21/24 } }
  services:
    http: { vip: 10.10.24.88, port: 80, forwarding: dr, realServers: [${rs1}] }
`;

describe('LVS229 duplicate-host-name', () => {
  it('reports a real server with the name of a director, at its key, with the director', () => {
    const diagnostics = lintYaml(topology('edge', 'lvs'));
    expect(findings(diagnostics, 'LVS229')).toEqual([
      {
        code: 'LVS229',
        severity: 'error',
        line: 11,
        message: 'real server `lvs` has the same name as director `lvs`, so both would write the bundle directory `hosts/lvs/`',
      },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS229')!.related.map((r) => [r.span.line, r.message])).toEqual([[9, 'director lvs']]);
  });

  it('reports the router named like a director, at router.name', () => {
    const diagnostics = lintYaml(topology('lvs', 'rs1'));
    expect(findings(diagnostics, 'LVS229')).toEqual([
      {
        code: 'LVS229',
        severity: 'error',
        line: 4,
        message: 'router `lvs` has the same name as director `lvs`, so both would write the bundle directory `hosts/lvs/`',
      },
    ]);
  });

  it('reports names that differ only in letter case', () => {
    expect(findings(lintYaml(topology('edge', 'LVS')), 'LVS229')).toEqual([
      {
        code: 'LVS229',
        severity: 'error',
        line: 11,
        message: 'real server `LVS` differs from director `lvs` only in letter case, so their bundle directories collide on case-insensitive file systems',
      },
    ]);
  });

  it('accepts distinct names', () => {
    expect(findings(lintYaml(topology('edge', 'rs1')), 'LVS229')).toEqual([]);
  });
});
