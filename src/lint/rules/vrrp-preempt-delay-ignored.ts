// LVS243: `vrrp.preemptDelay` without `vrrp.preempt: true`, where no director ever preempts.
import type { LintRule } from '../types.js';

export const vrrpPreemptDelayIgnored: LintRule = {
  code: 'LVS243',
  check(model, report) {
    const vrrp = model.vrrp;
    if (!vrrp || vrrp.preemptDelay === undefined || vrrp.preempt) return;
    report({
      code: 'LVS243',
      pointer: `${vrrp.pointer}/preemptDelay`,
      at: 'key',
      message: `\`preemptDelay\` has no effect: \`vrrp.preempt\` is false, so no director takes the VIPs back from a running MASTER`,
      label: 'ignored without preempt: true',
      help: 'remove `preemptDelay` to keep the VIPs where they are, or set `preempt: true` to take them back after the delay',
    });
  },
};
