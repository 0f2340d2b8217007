// The lab layout of `lvscc try` derived from real fixtures: segments from subnets, router, client, checks per service.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/front-end.js';
import { deriveLayout, SCENARIOS, type Layout } from '../../src/try/layout.js';

function layoutOf(fixture: string, text?: string): Layout {
  const result = lint(text ?? readFileSync(`fixtures/${fixture}`), { fileName: fixture });
  if (!result.resolved) throw new Error(`${fixture} did not lint: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return deriveLayout(result.resolved.model, fixture, SCENARIOS);
}

describe('deriveLayout', () => {
  it('puts one-subnet hosts on one bridge and the client outside the nftables router, on the outside subnet', () => {
    const layout = layoutOf('seed-tun-nftables.yaml');
    expect(layout.bridges.map((b) => b.network)).toEqual(['10.10.24.0/24', '112.2.21.0/24']);
    expect(new Set(layout.hosts.flatMap((h) => h.links.map((l) => l.bridge)))).toEqual(new Set(['seg0']));
    expect(layout.router).toMatchObject({ name: 'edge', platform: 'nftables' });
    expect(layout.router!.links).toEqual([
      { interface: 'eth0', bridge: 'seg0', addresses: ['10.10.24.1/24'] },
      { interface: 'eth1', bridge: 'seg1', addresses: ['112.2.21.88/24'] },
    ]);
    expect(layout.router!.dnat).toEqual([{ service: 'http', protocol: 'tcp', family: 4, public: '112.2.21.88', publicPort: 80, vip: '10.10.24.88', port: 80 }]);
    expect(layout.client.links).toEqual([{ interface: 'eth0', bridge: 'seg1', addresses: ['112.2.21.254/24'] }]);
    expect(layout.client.routes).toEqual([{ to: 'default', via: '112.2.21.88' }]);
    expect(layout.services[0]).toMatchObject({ forwarding: 'tun', spread: 'even', public: { address: '112.2.21.88', port: 80 } });
    expect(layout.services[0]!.members.map((m) => m.host)).toEqual(['rs1', 'rs2', 'rs3']);
    expect(layout.vrrp).toBeUndefined();
  });

  it('gives the IOS router the same plan: DNAT of the public address, no bundle files needed', () => {
    const layout = layoutOf('seed-tun.yaml');
    expect(layout.router).toMatchObject({ name: 'edge', platform: 'cisco-ios' });
    expect(layout.router!.dnat.map((d) => `${d.public}:${d.publicPort}->${d.vip}:${d.port}`)).toEqual(['112.2.21.88:80->10.10.24.88:80']);
    // IOS interface names are no Linux names: the stand-in namespace uses eth0 and eth1, and a note says so.
    expect(layout.router!.links.map((l) => l.interface)).toEqual(['eth0', 'eth1']);
    expect(layout.notes.some((n) => n.includes('eth0 stands for GigabitEthernet0/1, eth1 for GigabitEthernet0/0'))).toBe(true);
  });

  it('makes two bridges for a two-legged NAT director and puts the client where the VIP is on-link', () => {
    const layout = layoutOf('lab-nat.yaml');
    const lvs = layout.hosts.find((h) => h.name === 'lvs')!;
    expect(lvs.links.map((l) => l.bridge)).toEqual(['seg0', 'seg1']);
    expect(layout.hosts.filter((h) => h.role === 'real-server').every((h) => h.links[0]!.bridge === 'seg1')).toBe(true);
    expect(layout.router).toBeUndefined();
    expect(layout.client.links).toEqual([{ interface: 'eth0', bridge: 'seg0', addresses: ['172.16.40.254/24'] }]);
  });

  it('skips addresses in use when it picks the client address', () => {
    const text = readFileSync('fixtures/lab-ha.yaml', 'utf8').replace(
      'web3: { interfaces: { eth0: 192.168.10.13/24 } }',
      'web3: { interfaces: { eth0: 192.168.10.254/24 } }',
    );
    expect(layoutOf('lab-ha.yaml', text).client.links[0]!.addresses).toEqual(['192.168.10.253/24']);
  });

  it('finds the VRRP pair, the leader and the health check limits of a keepalived topology', () => {
    const layout = layoutOf('lab-ha.yaml');
    expect(layout.vrrp).toEqual({ directors: ['lb1', 'lb2'], instances: [{ name: 'lab-ha', leader: 'lb1', interface: 'eth0', services: ['http'] }] });
    expect(layout.services[0]!.healthCheck).toEqual({ type: 'tcp', interval: 1, timeout: 1, retries: 1 });
  });

  it("names each VRRP instance's MASTER, so that failover kills each in turn", () => {
    expect(layoutOf('ha-active-active.yaml').vrrp!.instances.map((i) => [i.name, i.leader, i.interface, i.services])).toEqual([
      ['shop-aa', 'lb1', 'eth0', ['https']],
      ['back-a', 'lb1', 'eth1', []],
      ['side-b', 'lb2', 'eth0', ['api']],
    ]);
  });

  it('sends to each port, and both ends of each range, of a fwmark service that marks its own ports', () => {
    const web = layoutOf('fwmark-ports.yaml').services[0]!;
    expect(web).toMatchObject({ fwmark: 88, ports: [80, 443, 8000, 8010], spread: 'one' });
    expect(web.port).toBeUndefined();
  });

  it('says how wrr, persistence and IPv6 are checked', () => {
    const dr = layoutOf('ha-dr.yaml').services[0]!;
    expect(dr.spread).toBe('one'); // persistence 300: one client sticks to one real server
    expect(layoutOf('ha-unicast.yaml').services.map((s) => [s.name, s.protocol, s.healthCheck?.type])).toEqual([
      ['dns', 'udp', 'dns'],
      ['dns-tcp', 'tcp', 'misc'],
      ['syslog', 'udp', 'udp'],
    ]);
    const tun6 = layoutOf('lab-tun6.yaml');
    expect(tun6.services[0]).toMatchObject({ family: 6, forwarding: 'tun' });
    expect(tun6.client.links[0]!.addresses).toEqual(['2001:db8:24:0:ffff:ffff:ffff:ffff/64']);
  });
});
