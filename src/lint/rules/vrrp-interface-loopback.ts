// LVS231: a VRRP instance set to run on the loopback device, where no other director can hear its adverts.
import { vrrpInstances } from '../../model/vrrp.js';
import type { LintRule } from '../types.js';

export const vrrpInterfaceLoopback: LintRule = {
  code: 'LVS231',
  check(model, report) {
    for (const instance of vrrpInstances(model)) {
      // An instance that does not set its interface takes vrrp.interface, reported there.
      if (instance.interface !== 'lo' || (!instance.first && instance.interface === model.vrrp!.interface)) continue;
      report({
        code: 'LVS231',
        pointer: `${instance.pointer}/interface`,
        message: `VRRP interface \`lo\` ${instance.first ? '' : `of instance ${instance.name} `}is the loopback device: adverts sent there never reach another director, so every director becomes master`,
        label: 'loopback',
        help: `set ${instance.first ? '`vrrp.interface`' : `the \`interface\` of ${instance.name}`} to the interface the directors share a segment on, such as \`eth0\``,
      });
    }
  },
};
