// LVS215: `manager: static` written for a cluster of two or more directors.
import type { LintRule } from '../types.js';

export const staticManagerMultipleDirectors: LintRule = {
  code: 'LVS215',
  check(model, report) {
    if (!model.managerSet || model.manager !== 'static' || model.directors.length < 2) return;
    const names = model.directors.map((d) => d.name);
    report({
      code: 'LVS215',
      pointer: '/manager',
      message: `the static manager cannot run ${names.length} directors (${names.join(', ')}): each would bring up the VIPs and answer ARP for them`,
      label: 'static',
      related: [{ pointer: '/directors', at: 'key', message: `${names.length} directors here` }],
      help: 'use `manager: keepalived`, which runs VRRP so that only one director holds the VIPs at a time (or keep one director)',
    });
  },
};
