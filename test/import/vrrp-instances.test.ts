// The import of several VRRP instances, their addresses of no service and sync groups: active-active pairs
// and one instance per network become `vrrp.instances`, `vrrp.addresses` and `syncGroup`, and round-trip.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compareRoundTrip, formatDifference } from '../../src/import/compare.js';
import { importFiles, type ConfigFiles } from '../../src/import/index.js';
import type { TopologyInput } from '../../src/model/input.js';

const memory = (files: Record<string, string>): ConfigFiles => ({ read: (p) => files[p], list: () => undefined });

const instance = (name: string, id: number, priority: number, addresses: string[], iface = 'eth0') =>
  `vrrp_instance ${name} {\n  state BACKUP\n  interface ${iface}\n  virtual_router_id ${id}\n  priority ${priority}\n  virtual_ipaddress {\n${addresses.map((a) => `    ${a}\n`).join('')}  }\n}\n`;
const service = (vip: string) =>
  `virtual_server ${vip} 80 {\n  lb_algo rr\n  lb_kind DR\n  real_server 10.0.0.11 80 {\n    TCP_CHECK {\n      connect_timeout 3\n    }\n  }\n}\n`;
/** One director of an active-active pair: MASTER (priority 150) of `mine`, BACKUP (100) of the other. */
const director = (name: string, mine: 'a' | 'b') =>
  `global_defs {\n  router_id ${name}\n}\n` +
  instance('VI_A', 51, mine === 'a' ? 150 : 100, ['10.0.0.100']) +
  instance('VI_B', 52, mine === 'b' ? 150 : 100, ['10.0.0.101', '10.0.0.200/24']) +
  service('10.0.0.100') +
  service('10.0.0.101');

describe('importing several VRRP instances', () => {
  const files = memory({ 'lb1.conf': director('lb1', 'a'), 'lb2.conf': director('lb2', 'b') });

  it('makes an active-active pair two instances with reversed priorities, a service naming the second, and its address of no service', () => {
    const result = importFiles(['lb1.conf', 'lb2.conf'], files);
    expect(result.problems).toEqual([]);
    expect(result.lint.filter((d) => d.severity === 'error')).toEqual([]);
    const topology = parse(result.yaml!) as TopologyInput;
    expect(topology.directors.lb1!.priority).toBe(150);
    expect(topology.directors.lb2!.priority).toBe(100);
    expect(topology.vrrp!.virtualRouterId).toBe(51);
    expect(topology.vrrp!.instances).toEqual({ VI_B: { virtualRouterId: 52, addresses: ['10.0.0.200/24'], priorities: { lb1: 100, lb2: 150 } } });
    expect(topology.services['tcp-10.0.0.101-80']!.vrrpInstance).toBe('VI_B');
    expect(topology.services['tcp-10.0.0.100-80']!.vrrpInstance).toBeUndefined();
    expect(result.report.filter((e) => e.status === 'dropped')).toEqual([]);
  });

  it('round-trips: each director gets both instances with its own priorities and addresses', () => {
    const comparison = compareRoundTrip(['lb1.conf', 'lb2.conf'], files);
    expect(comparison.buildErrors).toBeUndefined();
    expect(comparison.differences.map(formatDifference)).toEqual([]);
  });

  it('the comparator sees an instance the build would lose (it can fail)', () => {
    // The second instance moves nothing and keepalived refuses it: the import drops it, and the round trip says so.
    const empty = memory({ 'k.conf': instance('VI_A', 51, 150, ['10.0.0.100']) + instance('VI_X', 53, 150, []) + service('10.0.0.100') });
    const comparison = compareRoundTrip(['k.conf'], empty);
    expect(comparison.imported.report.filter((e) => e.status === 'dropped').map((e) => e.what)).toEqual(['vrrp_instance VI_X (virtual_router_id 53)']);
    expect(comparison.differences.map((d) => d.path)).toEqual(['vrrp / virtual_router_id 53 on eth0']);
  });
});

describe('importing sync groups', () => {
  const group = (members: string) => `vrrp_sync_group VG1 {\n  group {\n${members}  }\n  notify_master /usr/local/bin/master\n}\n`;
  const conf = (members: string) =>
    group(members) + instance('VI_1', 51, 150, ['10.0.0.100']) + instance('VI_2', 51, 150, ['10.1.0.1/24'], 'eth1') + service('10.0.0.100');

  it('puts the instances of a group in one syncGroup, gives the directors the second interface, and drops the group’s scripts', () => {
    const result = importFiles(['k.conf'], memory({ 'k.conf': conf('    VI_1\n    VI_2\n') }));
    expect(result.lint.filter((d) => d.severity === 'error')).toEqual([]);
    const topology = parse(result.yaml!) as TopologyInput;
    expect(topology.vrrp!.syncGroup).toBe('VG1');
    expect(topology.vrrp!.instances!.VI_2).toEqual({ virtualRouterId: 51, interface: 'eth1', addresses: ['10.1.0.1/24'], syncGroup: 'VG1' });
    expect(Object.keys(topology.directors.lb1!.interfaces)).toContain('eth1');
    expect(result.report.filter((e) => e.status === 'dropped').map((e) => e.what)).toEqual(['notify_master /usr/local/bin/master']);
    const comparison = compareRoundTrip(['k.conf'], memory({ 'k.conf': conf('    VI_1\n    VI_2\n') }));
    expect(comparison.differences.map(formatDifference)).toEqual([]);
  });

  it('drops a group of which fewer than two instances exist, and the comparator sees the group missing', () => {
    const files = memory({ 'k.conf': conf('    VI_1\n    VI_9\n') });
    const result = importFiles(['k.conf'], files);
    expect(result.report.filter((e) => e.status === 'dropped').map((e) => e.what)).toContain('vrrp_sync_group VG1');
    expect((parse(result.yaml!) as TopologyInput).vrrp!.syncGroup).toBeUndefined();
    // keepalived ignores a member it does not know: the original's group has one instance, which the comparator does not count as a group.
    expect(compareRoundTrip(['k.conf'], files).differences.map((d) => d.path)).toEqual([]);
  });
});
