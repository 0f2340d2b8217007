// LVS220: a VIP written with a prefix length other than /32 (IPv4) or /128 (IPv6).
import { hostPrefix } from '../../model/address.js';
import type { LintRule } from '../types.js';

export const vipPrefix: LintRule = {
  code: 'LVS220',
  check(model, report) {
    for (const service of model.services) {
      const full = hostPrefix(service.vip.family);
      if (service.vipPrefix === undefined || service.vipPrefix === full) continue;
      report({
        code: 'LVS220',
        pointer: service.vip.pointer,
        message: `the VIP ${service.vip.text}/${service.vipPrefix} of service ${service.name} has a prefix length; a VIP is a single address`,
        label: `/${service.vipPrefix}`,
        help: `write ${service.vip.text} without a prefix (lvscc adds it as /${full}); the segment's prefix belongs on the interfaces`,
      });
    }
  },
};
