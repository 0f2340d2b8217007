// LVS224: a persistence netmask without persistence, or wider than the VIP's address family allows.
import { joinPointer } from '../../source/source-file.js';
import type { LintRule } from '../types.js';

export const persistenceNetmask: LintRule = {
  code: 'LVS224',
  check(model, report) {
    for (const service of model.services) {
      const netmask = service.persistenceNetmask;
      if (netmask === undefined) continue;
      const pointer = joinPointer(service.pointer, 'persistenceNetmask');
      if (service.persistence === undefined) {
        report({
          code: 'LVS224',
          pointer,
          message: `service ${service.name} sets persistenceNetmask ${netmask} but no persistence, so the netmask has no effect`,
          label: 'needs persistence',
          help: `set persistence (a timeout in seconds, such as 300) on ${service.name}, or remove persistenceNetmask`,
        });
      }
      if (service.vip.family === 4 && netmask > 32) {
        report({
          code: 'LVS224',
          pointer,
          message: `persistenceNetmask ${netmask} of service ${service.name} is longer than an IPv4 address (VIP ${service.vip.text})`,
          label: 'more than 32',
          help: 'use a prefix length from 1 to 32 for an IPv4 service, such as 24 to group clients by /24',
        });
      }
    }
  },
};
