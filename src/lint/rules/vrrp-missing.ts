// LVS212: two or more directors under keepalived, but no `vrrp` section to elect which one holds the VIPs.
import type { LintRule } from '../types.js';

export const vrrpMissing: LintRule = {
  code: 'LVS212',
  check(model, report) {
    if (model.vrrp || model.manager !== 'keepalived' || model.directors.length < 2) return;
    const names = model.directors.map((d) => d.name);
    const firstInterface = model.directors[0]?.interfaces[0]?.name ?? 'eth0';
    report({
      code: 'LVS212',
      pointer: '/directors',
      at: 'key',
      message: `${names.length} directors (${names.join(', ')}) run keepalived but the topology has no \`vrrp\` section`,
      label: `${names.length} directors`,
      help: `add \`vrrp: { virtualRouterId: 51, interface: ${firstInterface} }\` (a router id unique on the segment) so that VRRP elects one director to hold the VIPs`,
    });
  },
};
