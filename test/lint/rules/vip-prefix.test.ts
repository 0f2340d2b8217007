// LVS220 vip-prefix: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { dedent, findings, lintYaml, resolvedOf } from '../../helpers.js';

const topology = (vip: string, rs1 = '10.10.24.21/24', more = '') => `
  version: 1
  cluster: c
  directors:
    lvs: { interfaces: { eth0: { address: [10.10.24.2/24, 2001:db8:24::2/64] } } }
  realServers:
    rs1: { interfaces: { eth0: ${rs1} } }
  services:
    http: { vip: ${vip}, port: 80, forwarding: tun, realServers: [rs1] }${more}
`;

describe('LVS220 vip-prefix', () => {
  it('warns about a VIP written with the director segment prefix, and says what happens', () => {
    expect(findings(lintYaml(topology('10.10.24.88/24')), 'LVS220')).toEqual([
      {
        code: 'LVS220',
        severity: 'warning',
        line: 8,
        message:
          'the VIP 10.10.24.88/24 of service http is added with its prefix on the directors: a second address of the segment 10.10.24.0/24, whose connected route is already there; real servers hold 10.10.24.88 as /32',
      },
    ]);
    expect(findings(lintYaml(topology('2001:db8:24::88/64', '2001:db8:24::21/64')), 'LVS220').map((f) => [f.severity, f.line])).toEqual([['warning', 8]]);
  });

  it('refuses a prefix other than the segment prefix, or off every segment of the director', () => {
    expect(findings(lintYaml(topology('10.10.24.88/16')), 'LVS220')).toEqual([
      {
        code: 'LVS220',
        severity: 'error',
        line: 8,
        message:
          "the VIP 10.10.24.88/16 of service http has another prefix than lvs's segment 10.10.24.0/24 on eth0: the kernel would add a second connected route, with the VIP as its source",
      },
    ]);
    expect(findings(lintYaml(topology('192.0.2.88/24')), 'LVS220').map((f) => [f.severity, f.line, f.message])).toEqual([
      [
        'error',
        8,
        'the VIP 192.0.2.88/24 of service http is on no segment of lvs: its /24 would add a connected route for that subnet, with the VIP as its source, while lvs holds the VIP',
      ],
    ]);
    expect(findings(lintYaml(topology('10.10.24.88/33')), 'LVS220').map((f) => [f.severity, f.line])).toEqual([['error', 8]]);
  });

  it('refuses services that share a VIP with different prefixes', () => {
    const more = `\n    https: { vip: 10.10.24.88, port: 443, forwarding: tun, realServers: [rs1] }`;
    expect(findings(lintYaml(topology('10.10.24.88/24', undefined, more)), 'LVS220').map((f) => [f.severity, f.line])).toEqual([
      ['warning', 8],
      ['error', 9],
    ]);
  });

  it('accepts no prefix, /32 and /128', () => {
    expect(findings(lintYaml(topology('10.10.24.88')), 'LVS220')).toEqual([]);
    expect(findings(lintYaml(topology('10.10.24.88/32')), 'LVS220')).toEqual([]);
    expect(findings(lintYaml(topology('2001:db8:24::88/128', '2001:db8:24::21/64')), 'LVS220')).toEqual([]);
  });

  it('puts the prefix on the director only: real servers hold the VIP as /32', () => {
    const { plans } = resolvedOf(dedent(topology('10.10.24.88/24')));
    expect(plans.map((p) => [p.host.name, p.vips.map((v) => `${v.cidr} dev ${v.device}`)])).toEqual([
      ['lvs', ['10.10.24.88/24 dev eth0']],
      ['rs1', ['10.10.24.88/32 dev tunl0']],
    ]);
  });
});
