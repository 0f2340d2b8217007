// LVS230 reserved-interface-name: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (rsInterfaces: string, lvsInterfaces = '{ eth0: 10.10.24.2/24 }') => `
  version: 1
  cluster: c
  directors:
    lvs: { interfaces: ${lvsInterfaces} }
  realServers:
    rs1: { interfaces: ${rsInterfaces} }
  services:
    http: { vip: 10.10.24.88, port: 80, forwarding: tun, realServers: [rs1] }
`;

describe('LVS230 reserved-interface-name', () => {
  it('reports a TUN real server interface named tunl0, at its key', () => {
    expect(findings(lintYaml(topology('{ eth0: 10.10.30.21/24, tunl0: 10.10.24.88/32 }')), 'LVS230')).toEqual([
      {
        code: 'LVS230',
        severity: 'error',
        line: 6,
        message:
          'interface `tunl0` of real server rs1 is a reserved name: the IP-in-IP fallback device of the ipip module, which lvscc gives the VIP on TUN real servers',
      },
    ]);
  });

  it("reports lvscc's own device names and lo on a director", () => {
    const messages = findings(
      lintYaml(topology('{ lvs0: 10.10.24.21/24 }', '{ eth0: 10.10.24.2/24, lo: 127.0.0.1/8, lvs-gue-6080: 10.9.0.1/24 }')),
      'LVS230',
    ).map((f) => [f.line, f.message]);
    expect(messages).toEqual([
      [4, 'interface `lo` of director lvs is a reserved name: the loopback device'],
      [4, 'interface `lvs-gue-6080` of director lvs is a reserved name: the name lvscc gives its GUE receive ports'],
      [6, 'interface `lvs0` of real server rs1 is a reserved name: the dummy device lvscc creates to hold VIPs on DR real servers'],
    ]);
  });

  it('accepts ordinary interface names, VLANs included', () => {
    expect(findings(lintYaml(topology('{ eth0: 10.10.30.21/24, eth0.100: 10.10.31.21/24, tunl1: 10.10.32.21/24 }')), 'LVS230')).toEqual([]);
  });
});
