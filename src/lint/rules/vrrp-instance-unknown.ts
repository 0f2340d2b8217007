// LVS246: a service names a VRRP instance (`vrrpInstance`) that is neither the first one (the cluster name) nor one of `vrrp.instances`.
import type { LintRule } from '../types.js';

export const vrrpInstanceUnknown: LintRule = {
  code: 'LVS246',
  check(model, report) {
    const known = new Set([model.cluster, ...(model.vrrp?.instances ?? []).map((i) => i.name)]);
    for (const service of model.services) {
      const named = service.vrrpInstance;
      if (!named || (model.vrrp && known.has(named.name))) continue;
      const choices = model.vrrp ? [...known].join(', ') : 'none: the topology has no vrrp section';
      report({
        code: 'LVS246',
        pointer: named.pointer,
        message: `service ${service.name} names VRRP instance ${named.name}, which does not exist: no instance would move its VIP`,
        label: 'no such instance',
        help: `name one of the instances (${choices}), or remove \`vrrpInstance\` to use the first`,
      });
    }
  },
};
