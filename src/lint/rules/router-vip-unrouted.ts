// LVS228: a published VIP the edge router cannot reach: off its inside subnet, with no single director to route it through.
import { planRouter } from '../../plan/router-plan.js';
import type { LintRule } from '../types.js';

export const routerVipUnrouted: LintRule = {
  code: 'LVS228',
  check(model, report) {
    const plan = planRouter(model);
    if (!plan) return;
    for (const { vip, service, reason } of plan.unrouted) {
      report({
        code: 'LVS228',
        pointer: vip.pointer,
        message: `router ${plan.router.name} gets no route to VIP ${vip.text} of service ${service}: it is not on the inside subnet ${plan.inside.address.network} and ${reason}`,
        label: "not on the router's inside subnet",
        related: [{ pointer: `${plan.router.pointer}/inside/address`, message: "the router's inside subnet" }],
        help: `put the VIP on ${plan.inside.address.network}, or give one director an address there (the router then routes the VIP through it), or route the VIP on the router yourself`,
      });
    }
  },
};
