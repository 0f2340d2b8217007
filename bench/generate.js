// Synthetic fleet topologies for `npm run bench`: N services x K real servers over H hosts and 2 directors.

/**
 * A keepalived-managed DR cluster on one /16 segment: `services` services, each balanced over
 * `perService` of `hosts` real servers (round robin over the host list), with TCP health checks.
 */
export function fleetTopology({ services, perService, hosts }) {
  const lines = [
    'version: 1',
    `cluster: fleet-${services}x${perService}`,
    'defaults: { gateway: 10.0.0.1 }',
    'manager: keepalived',
    'vrrp: { virtualRouterId: 51, interface: eth0 }',
    'directors:',
    '  lb1: { interfaces: { eth0: 10.0.0.2/16 }, priority: 150 }',
    '  lb2: { interfaces: { eth0: 10.0.0.3/16 }, priority: 100 }',
    'realServers:',
  ];
  const address = (base, i) => `10.0.${base + Math.floor(i / 250)}.${(i % 250) + 1}`;
  for (let h = 0; h < hosts; h++) lines.push(`  rs${h}: { interfaces: { eth0: ${address(1, h)}/16 } }`);
  lines.push('services:');
  for (let s = 0; s < services; s++) {
    const members = [];
    for (let k = 0; k < perService; k++) members.push(`rs${(s * perService + k) % hosts}`);
    lines.push(
      `  svc${s}:`,
      `    vip: ${address(100, s)}`,
      '    port: 80',
      '    scheduler: wlc',
      '    forwarding: dr',
      '    healthCheck: { type: tcp, timeout: 3, interval: 5 }',
      `    realServers: [${members.join(', ')}]`,
    );
  }
  return lines.join('\n') + '\n';
}

/** A fleet topology with its first `count` services changed: scheduler wlc -> wrr and the last member at weight 2. */
export function changedServices(text, count) {
  let changed = 0;
  return text.replace(/scheduler: wlc\n(.*\n.*\n) {4}realServers: \[(.*), (rs\d+)\]/g, (all, between, first, last) =>
    changed++ < count ? `scheduler: wrr\n${between}    realServers: [${first}, { server: ${last}, weight: 2 }]` : all,
  );
}
