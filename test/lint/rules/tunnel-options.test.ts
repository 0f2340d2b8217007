// LVS222 tunnel-options: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (forwarding: string, tunnel: string) => `
  version: 1
  cluster: c
  directors:
    lvs: { interfaces: { eth0: 10.10.24.2/24 } }
  realServers:
    rs1: { interfaces: { eth0: 10.10.24.21/24 } }
  services:
    http:
      vip: 10.10.24.88
      port: 80
      forwarding: ${forwarding}
      tunnel:
        ${tunnel.split(', ').join('\n        ')}
      realServers: [rs1]
`;

const lines = (forwarding: string, tunnel: string) => findings(lintYaml(topology(forwarding, tunnel)), 'LVS222').map((f) => [f.severity, f.line, f.message]);

describe('LVS222 tunnel-options', () => {
  it('reports tunnel settings on a DR service at the tunnel key', () => {
    expect(findings(lintYaml(topology('dr', 'type: ipip')), 'LVS222')).toEqual([
      { code: 'LVS222', severity: 'error', line: 12, message: 'service http uses dr forwarding, so its tunnel settings have no effect' },
    ]);
  });

  it('reports gue without port, port with ipip, checksums ipip and gre do not take', () => {
    expect(lines('tun', 'type: gue')).toEqual([['error', 13, 'gue tunnel of service http has no port']]);
    expect(lines('tun', 'type: ipip, port: 6080, checksum: csum')).toEqual([
      ['error', 14, 'ipip tunnel of service http has port 6080, but only gue uses a port'],
      ['error', 15, 'ipip tunnel of service http has checksum csum, but ipip takes no checksum option'],
    ]);
    expect(lines('tun', 'type: gre, checksum: remcsum')).toEqual([['error', 14, 'gre tunnel of service http has checksum remcsum, which only gue supports']]);
  });

  it('accepts valid combinations', () => {
    expect(lines('tun', 'type: gue, port: 6080, checksum: remcsum')).toEqual([]);
    expect(lines('tun', 'type: gre, checksum: csum')).toEqual([]);
    expect(lines('tun', 'type: ipip, clampMss: true')).toEqual([]);
  });
});
