// LVS206 gateway-not-on-link: failing and passing cases, including the seed note's director route.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/compile.js';
import { findings, lintYaml } from '../../helpers.js';

const topology = (defaults: string, lvs: string, rs2: string) => `
  version: 1
  cluster: c
  defaults: { ${defaults} }
  directors:
    lvs: { interfaces: { eth0: 10.10.24.2/24 }${lvs} }
  realServers:
    rs1: { interfaces: { eth0: 10.10.24.21/24 } }
    rs2: { interfaces: { eth0: ${rs2} } }
  services:
    http: { vip: 10.10.24.88, port: 80, forwarding: tun, realServers: [rs1, rs2] }
`;

describe('LVS206 gateway-not-on-link', () => {
  it("reports the seed note's director route via 192.168.1.1 at its line", () => {
    const text = readFileSync(new URL('../../../fixtures/seed-literal.yaml', import.meta.url), 'utf8');
    expect(findings(lint(text, { fileName: 'seed-literal.yaml' }).diagnostics, 'LVS206')).toEqual([
      { code: 'LVS206', severity: 'error', line: 15, message: 'gateway 192.168.1.1 of director lvs is on none of its subnets (10.10.24.0/24)' },
    ]);
  });

  it("reports a host's own off-link gateway", () => {
    const diagnostics = lintYaml(topology('gateway: 10.10.24.1', ', gateway: 10.10.25.1', '10.10.24.22/24'));
    expect(findings(diagnostics, 'LVS206').map((f) => [f.severity, f.line])).toEqual([['error', 5]]);
    expect(diagnostics.find((d) => d.code === 'LVS206')!.help).toBe('use a gateway on 10.10.24.0/24');
  });

  it('reports a default gateway off-link for one host at the defaults line, naming the host', () => {
    const diagnostics = lintYaml(topology('gateway: 10.10.24.1', '', '10.10.30.22/24'));
    expect(findings(diagnostics, 'LVS206')).toEqual([
      { code: 'LVS206', severity: 'error', line: 3, message: "default gateway 10.10.24.1 is on none of real server rs2's subnets (10.10.30.0/24)" },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS206')!.related.map((r) => [r.span.line, r.message])).toEqual([[8, 'rs2 takes the default gateway']]);
  });

  it('reports an own IPv6 gateway on a host with no IPv6 address', () => {
    const diagnostics = lintYaml(topology('gateway: 10.10.24.1', ', gateway6: 2001:db8::1', '10.10.24.22/24'));
    expect(findings(diagnostics, 'LVS206').map((f) => [f.line, f.message])).toEqual([
      [5, 'gateway 2001:db8::1 of director lvs is on no subnet: it has no IPv6 address'],
    ]);
  });

  it('accepts on-link gateways and a default gateway of a family a host does not use', () => {
    expect(findings(lintYaml(topology('gateway: 10.10.24.1, gateway6: 2001:db8:24::1', '', '10.10.24.22/24')), 'LVS206')).toEqual([]);
    expect(findings(lintYaml(topology('gateway6: 2001:db8:24::1', '', '{ address: [10.10.24.22/24, 2001:db8:24::22/64] }')), 'LVS206')).toEqual([]);
  });
});
