// LVS207 prefix-length-mismatch: failing and passing cases, and a fleet-sized run.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (rs1: string, rs2 = '10.10.24.22/24') => `
  version: 1
  cluster: c
  directors:
    lvs: { interfaces: { eth0: 10.10.24.2/24 } }
  realServers:
    rs1: { interfaces: { eth0: ${rs1} } }
    rs2: { interfaces: { eth0: ${rs2} } }
  services:
    http: { vip: 10.10.24.88, port: 80, forwarding: tun, realServers: [rs1, rs2] }
`;

describe('LVS207 prefix-length-mismatch', () => {
  it('reports the odd prefix length on a segment, with a related span at the usual one', () => {
    const diagnostics = lintYaml(topology('10.10.24.21/16'));
    expect(findings(diagnostics, 'LVS207')).toEqual([
      {
        code: 'LVS207',
        severity: 'error',
        line: 6,
        message: 'rs1 has 10.10.24.21/16 but lvs has 10.10.24.2/24 on the same segment: prefix lengths /16 and /24 disagree',
      },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS207')!.related.map((r) => [r.span.line, r.message])).toEqual([[4, '/24 on lvs']]);
  });

  it('reports a narrower prefix inside the segment, and IPv6', () => {
    expect(findings(lintYaml(topology('10.10.24.21/25')), 'LVS207').map((f) => [f.severity, f.line])).toEqual([['error', 6]]);
    const v6 = topology('{ address: [10.10.24.21/24, 2001:db8:24::21/64] }', '{ address: [10.10.24.22/24, 2001:db8:24::22/48] }');
    expect(findings(lintYaml(v6), 'LVS207').map((f) => f.line)).toEqual([7]);
  });

  it('accepts equal prefix lengths, separate subnets and full-length host addresses', () => {
    expect(findings(lintYaml(topology('10.10.24.21/24')), 'LVS207')).toEqual([]);
    expect(findings(lintYaml(topology('{ address: [10.10.24.21/24, 10.20.0.1/16] }')), 'LVS207')).toEqual([]);
    expect(findings(lintYaml(topology('{ address: [10.10.24.21/24, 10.10.24.99/32] }')), 'LVS207')).toEqual([]);
  });

  it('handles 10,000 hosts quickly', () => {
    const lines = ['version: 1', 'cluster: c', 'directors:', '  lvs: { interfaces: { eth0: 10.0.0.2/16 } }', 'realServers:'];
    const names: string[] = [];
    for (let i = 0; i < 10000; i++) {
      names.push(`rs${i}`);
      const prefix = i === 9999 ? 24 : 16;
      lines.push(`  rs${i}: { interfaces: { eth0: 10.0.${(i >> 8) + 1}.${i & 255}/${prefix} } }`);
    }
    lines.push('services:', `  http: { vip: 10.0.0.88, port: 80, forwarding: tun, realServers: [${names.join(', ')}] }`);
    const started = performance.now();
    const diagnostics = lintYaml(lines.join('\n'));
    expect(findings(diagnostics, 'LVS207').map((f) => f.line)).toEqual([10005]);
    expect(performance.now() - started).toBeLessThan(20000);
  }, 30000);
});
