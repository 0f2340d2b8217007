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
