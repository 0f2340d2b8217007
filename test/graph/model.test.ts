// The cluster graph: grouping of large services, TUN/DR replies bypassing the director and NAT replies
// crossing it, the VRRP master marked, and the same input giving the same graph.
import { describe, expect, it } from 'vitest';
import { buildClusterGraph, compareNames, GROUP_MEMBERS_ABOVE, sortByName, type ClusterGraph } from '../../src/graph/model.js';
import { dedent, resolvedOf } from '../helpers.js';

/** A one-director cluster with `count` real servers rs1..rsN (weights 1-3) in one service. */
function fleet(count: number, forwarding: 'tun' | 'dr' | 'nat', router = false): string {
  const servers = Array.from(
    { length: count },
    (_, i) => `  rs${i + 1}: { interfaces: { eth0: 10.1.1.${i + 1}/16 }${forwarding === 'nat' ? ', gateway: 10.1.0.1' : ''} }`,
  );
  const members = Array.from({ length: count }, (_, i) => `      - { server: rs${i + 1}, weight: ${(i % 3) + 1} }`);
  return [
    'version: 1',
    'cluster: fleet',
    forwarding === 'nat' ? '' : 'defaults: { gateway: 10.1.0.254 }',
    router
      ? 'router: { name: edge, platform: nftables, inside: { interface: eth1, address: 10.1.0.254/16 }, outside: { interface: eth0, address: 203.0.113.1/24 } }'
      : '',
    'directors:',
    forwarding === 'nat'
      ? '  lvs: { interfaces: { eth0: 10.1.0.1/16, eth1: 172.16.0.2/24 }, gateway: 172.16.0.1 }'
      : '  lvs: { interfaces: { eth0: 10.1.0.1/16 } }',
    'realServers:',
    ...servers,
    'services:',
    '  web:',
    `    vip: ${forwarding === 'nat' ? '172.16.0.88' : '10.1.0.88'}`,
    router ? '    publicAddress: 203.0.113.88' : '',
    '    protocol: tcp',
    '    port: 80',
    `    forwarding: ${forwarding}`,
    '    realServers:',
    ...members,
    '',
  ].join('\n');
}

const graphOf = (yaml: string): ClusterGraph => buildClusterGraph(resolvedOf(yaml).model);
const node = (graph: ClusterGraph, name: string) => graph.nodes.find((n) => n.lines[0] === name)!;
const returns = (graph: ClusterGraph) => graph.edges.filter((e) => e.kind === 'return').map((e) => `${e.from} -> ${e.to}`);

describe('grouping', () => {
  it('draws a service with 100 real servers as one group node with the first and last name, the count and the weights', () => {
    const graph = graphOf(fleet(100, 'tun'));
    expect(graph.nodes.filter((n) => n.kind === 'real-server')).toEqual([]);
    expect(graph.nodes.filter((n) => n.kind === 'server-group').map((n) => n.lines)).toEqual([['rs1..rs100', '100 servers, weights 1-3']]);
    expect(graph.edges.filter((e) => e.kind === 'request').map((e) => `${e.from} -> ${e.to}: ${e.label}`)).toEqual([
      'clients -> service_0: request',
      'service_0 -> members_0: ipip tunnel',
    ]);
    expect(graph.nodes.length).toBe(4);
  });

  it(`draws each real server of a service with at most ${GROUP_MEMBERS_ABOVE} members, its weight on the request edge`, () => {
    const graph = graphOf(fleet(GROUP_MEMBERS_ABOVE, 'dr'));
    expect(graph.nodes.filter((n) => n.kind === 'server-group')).toEqual([]);
    expect(graph.nodes.filter((n) => n.kind === 'real-server')).toHaveLength(GROUP_MEMBERS_ABOVE);
    expect(graph.edges.find((e) => e.to === node(graph, 'rs2').id)?.label).toBe('direct routing, weight 2');
    expect(graphOf(fleet(GROUP_MEMBERS_ABOVE + 1, 'dr')).nodes.filter((n) => n.kind === 'server-group')).toHaveLength(1);
  });

  it('orders names as people count them', () => {
    expect(['rs10', 'rs2', 'rs1', 'a', 'rs100', 'rs02'].sort(compareNames)).toEqual(['a', 'rs1', 'rs02', 'rs2', 'rs10', 'rs100']);
    // Digit runs longer than any number type: 2 x 10^30 after 10^30 + 1.
    const big = ['n2000000000000000000000000000000', 'n1000000000000000000000000000001', 'n999', 'n0999'];
    expect([...big].sort(compareNames)).toEqual(['n0999', 'n999', 'n1000000000000000000000000000001', 'n2000000000000000000000000000000']);
    const names = ['rs10', 'rs2', 'rs1', 'a', 'rs100', 'rs02', ...big];
    expect(sortByName(names, (n) => n)).toEqual([...names].sort(compareNames));
  });
});

describe('return paths', () => {
  it.each(['tun', 'dr'] as const)('%s: replies go from the real servers straight to the clients, not through the director', (forwarding) => {
    const graph = graphOf(fleet(3, forwarding));
    expect(returns(graph)).toEqual(['server_0 -> clients', 'server_1 -> clients', 'server_2 -> clients']);
    expect(graph.edges.filter((e) => e.kind === 'return').every((e) => e.label === 'reply from the VIP, bypassing the director')).toBe(true);
  });

  it('tun behind an edge router: replies go from the real servers to the router, then to the clients', () => {
    const graph = graphOf(fleet(2, 'tun', true));
    expect(returns(graph)).toEqual(['server_0 -> router', 'server_1 -> router', 'router -> clients']);
    expect(node(graph, 'edge').lines).toContain('203.0.113.88:80/tcp → 10.1.0.88:80');
  });

  it('nat: replies go back through the director (the service node) to the clients', () => {
    const graph = graphOf(fleet(2, 'nat'));
    expect(returns(graph)).toEqual(['server_0 -> service_0', 'server_1 -> service_0', 'service_0 -> clients']);
    expect(graph.edges.find((e) => e.from === 'server_0' && e.kind === 'return')?.label).toBe('reply, back through the director');
  });

  it('nat with 100 real servers: the group node replies through the director', () => {
    expect(returns(graphOf(fleet(100, 'nat')))).toEqual(['members_0 -> service_0', 'service_0 -> clients']);
  });
});

describe('directors', () => {
  const pair = dedent(`
    version: 1
    cluster: pair
    defaults: { gateway: 192.168.10.1 }
    vrrp: { virtualRouterId: 51, interface: eth0 }
    directors:
      lb2: { interfaces: { eth0: 192.168.10.3/24 }, priority: 200 }
      lb1: { interfaces: { eth0: 192.168.10.2/24 }, priority: 100 }
    realServers:
      web1: { interfaces: { eth0: 192.168.10.11/24 } }
      spare: { interfaces: { eth0: 192.168.10.12/24 } }
    services:
      https: { vip: 192.168.10.100, protocol: tcp, port: 443, forwarding: dr, realServers: [web1] }
  `);

  it('marks the VRRP leader (the highest priority) as MASTER and frames the directors as the VRRP group', () => {
    const graph = graphOf(pair);
    expect(node(graph, 'lb2').lines).toEqual(['lb2', '192.168.10.3', 'VRRP intended MASTER, priority 200']);
    expect(node(graph, 'lb1').lines).toEqual(['lb1', '192.168.10.2', 'VRRP BACKUP, priority 100']);
    expect(graph.groups[0]).toEqual({ id: 'directors', label: 'directors: VRRP 51 on eth0, keepalived', nodeIds: ['director_0', 'director_1', 'service_0'] });
    expect(graph.edges.filter((e) => e.kind === 'holds').map((e) => `${e.from} -> ${e.to}`)).toEqual(['director_0 -> service_0', 'director_1 -> service_0']);
  });

  it('draws a real server that is in no service, saying so', () => {
    expect(node(graphOf(pair), 'spare').lines).toEqual(['spare', '192.168.10.12', 'in no service']);
  });

  it('gives the same graph for the same input', () => {
    expect(JSON.stringify(graphOf(pair))).toBe(JSON.stringify(graphOf(pair)));
  });
});
