// LVS214 vrrp-password-too-long: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (password: string) => `
  version: 1
  cluster: c
  vrrp:
    virtualRouterId: 51
    interface: eth0
    authPassword: ${password}
  directors:
    lb1: { interfaces: { eth0: 10.0.0.2/24 }, priority: 150 }
    lb2: { interfaces: { eth0: 10.0.0.3/24 }, priority: 100 }
  realServers:
    web1: { interfaces: { eth0: 10.0.0.11/24 } }
  services:
    http: { vip: 10.0.0.100, port: 80, forwarding: dr, realServers: [web1] }
`;

describe('LVS214 vrrp-password-too-long', () => {
  it('reports a password longer than 8 characters without echoing it', () => {
    const diagnostics = lintYaml(topology('correcthorse'));
    expect(findings(diagnostics, 'LVS214')).toEqual([
      {
        code: 'LVS214',
        severity: 'warning',
        line: 6,
        message: 'the VRRP password is 12 characters long; keepalived uses only the first 8, so lvscc writes those 8 into keepalived.conf',
      },
    ]);
    const d = diagnostics.find((x) => x.code === 'LVS214')!;
    expect(d.help).toContain('cleartext');
    expect(JSON.stringify(d)).not.toContain('correcthorse');
  });

  it('accepts exactly 8 characters', () => {
    expect(findings(lintYaml(topology('s3cret88')), 'LVS214')).toEqual([]);
  });
});
