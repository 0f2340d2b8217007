// Schema and address diagnostics phrased for people: no raw ajv or ip-num wording, no secrets echoed.
import { describe, expect, it } from 'vitest';
import { lintYaml } from '../helpers.js';

const topology = (vrrp: string, vip: string) => `
  version: 1
  cluster: c
  vrrp: { virtualRouterId: 1, interface: eth0${vrrp} }
  directors: { a: { interfaces: { eth0: 10.0.0.2/24 } } }
  realServers: { r: { interfaces: { eth0: 10.0.0.3/24 } } }
  services: { s: { vip: ${vip}, port: 80, forwarding: dr, realServers: [r] } }
`;

describe('schema and address messages', () => {
  it('never repeats a rejected VRRP password', () => {
    const [d] = lintYaml(topology(', authPassword: "hunter 2"', '10.0.0.9'));
    expect(d).toMatchObject({ code: 'LVS109', severity: 'error', message: 'this password is not allowed for `vrrp.authPassword`' });
    expect(d!.span?.line).toBe(3);
    expect(JSON.stringify(d)).not.toContain('hunter');
  });

  it('explains an invalid IPv4 address in plain words', () => {
    const [d] = lintYaml(topology('', '10.0.0.256'));
    expect(d).toMatchObject({
      code: 'LVS107',
      message: '`10.0.0.256` is not a valid address: it is not an IPv4 address (four numbers from 0 to 255, without leading zeros)',
    });
    expect(d!.span?.line).toBe(6);
  });

  it('explains an invalid IPv6 address in plain words', () => {
    const [d] = lintYaml(topology('', '2001:db8::1::2'));
    expect(d).toMatchObject({ code: 'LVS107', message: expect.stringContaining('it is not an IPv6 address') });
  });
});

const withRouter = (platform: string, inside: string, outside: string) => `
  version: 1
  cluster: c
  router:
    name: edge
    platform: ${platform}
    inside: { interface: ${inside}, address: 10.0.0.1/24 }
    outside: { interface: ${outside}, address: 112.2.21.1/24 }
  directors: { a: { interfaces: { eth0: 10.0.0.2/24 } } }
  realServers: { r: { interfaces: { eth0: 10.0.0.3/24 } } }
  services: { s: { vip: 10.0.0.9, port: 80, forwarding: dr, realServers: [r], publicAddress: 112.2.21.88 } }
`;

const schemaFindings = (text: string) => lintYaml(text).filter((d) => /^LVS1/.test(d.code));

describe('router interface names, in the grammar of the router platform', () => {
  it('takes IOS names on a cisco-ios router and Linux names on an nftables router', () => {
    expect(schemaFindings(withRouter('cisco-ios', 'GigabitEthernet0/1', 'GigabitEthernet0/0'))).toEqual([]);
    expect(schemaFindings(withRouter('nftables', 'eth1', 'eth0'))).toEqual([]);
  });

  it('reports one invalid IOS name on a cisco-ios router, at the name', () => {
    const diagnostics = lintYaml(withRouter('cisco-ios', 'GigabitEthernet0/1', '0/0'));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'LVS106', message: 'the text `0/0` is not a valid IOS interface name' });
    expect(diagnostics[0]!.span).toMatchObject({ line: 7, column: 25 });
  });

  it('reports one invalid Linux name on an nftables router, at the name', () => {
    const diagnostics = lintYaml(withRouter('nftables', 'GigabitEthernet0/1', 'eth0'));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'LVS106', message: 'the text `GigabitEthernet0/1` is not a valid Linux interface name' });
    expect(diagnostics[0]!.span).toMatchObject({ line: 6, column: 24 });
  });

  it('reports one unknown platform, with the allowed ones', () => {
    const diagnostics = lintYaml(withRouter('nftable', 'eth1', 'eth0'));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'LVS104', help: 'did you mean `nftables`? allowed: cisco-ios, nftables' });
  });
});
