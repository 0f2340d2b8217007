// LVS254: a VRRP instance of `vrrp.instances` has the cluster's name, which is the first instance's (`vrrp` itself).
import type { LintRule } from '../types.js';

export const vrrpInstanceNameTaken: LintRule = {
  code: 'LVS254',
  check(model, report) {
    for (const instance of model.vrrp?.instances ?? []) {
      if (instance.name !== model.cluster) continue;
      report({
        code: 'LVS254',
        pointer: instance.pointer,
        at: 'key',
        message: `VRRP instance ${instance.name} has the cluster's name, which names the first instance (\`vrrp\` itself) in keepalived.conf`,
        label: 'the first instance has this name',
        related: [{ pointer: '/cluster', message: 'the cluster name' }],
        help: `rename the instance (and the \`vrrpInstance\` of its services)`,
      });
    }
  },
};
