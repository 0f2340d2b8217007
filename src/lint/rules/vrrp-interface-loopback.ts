// LVS231: VRRP set to run on the loopback device, where no other director can hear its adverts.
import type { LintRule } from '../types.js';

export const vrrpInterfaceLoopback: LintRule = {
  code: 'LVS231',
  check(model, report) {
    const vrrp = model.vrrp;
    if (!vrrp || vrrp.interface !== 'lo') return;
    report({
      code: 'LVS231',
      pointer: `${vrrp.pointer}/interface`,
      message: 'VRRP interface `lo` is the loopback device: adverts sent there never reach another director, so every director becomes master',
      label: 'loopback',
      help: 'set `vrrp.interface` to the interface the directors share a segment on, such as `eth0`',
    });
  },
};
