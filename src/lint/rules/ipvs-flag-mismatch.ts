// LVS271: sh-*/mh-* flags on another scheduler, one-packet scheduling on a non-udp service, or either under the static manager.
import { joinPointer } from '../../source/source-file.js';
import type { LintRule } from '../types.js';

export const ipvsFlagMismatch: LintRule = {
  code: 'LVS271',
  check(model, report) {
    for (const service of model.services) {
      service.schedulerFlags.forEach((flag, i) => {
        const scheduler = flag.slice(0, 2);
        if (scheduler === service.scheduler) return;
        report({
          code: 'LVS271',
          pointer: joinPointer(service.pointer, 'schedulerFlags', i),
          message: `flag ${flag} of service ${service.name} belongs to the ${scheduler} scheduler, but the service uses ${service.scheduler}; IPVS ignores it`,
          label: `needs ${scheduler}`,
          help: `set \`scheduler: ${scheduler}\`, or remove the flag`,
        });
      });
      if (service.onePacket && service.protocol !== 'udp') {
        report({
          code: 'LVS271',
          pointer: joinPointer(service.pointer, 'onePacket'),
          message: `one-packet scheduling of ${service.protocol} service ${service.name}: IPVS schedules single packets of udp services only`,
          label: `${service.protocol}, not udp`,
          help: 'remove `onePacket`',
        });
      }
      if (model.manager !== 'static' || (!service.schedulerFlags.length && !service.onePacket)) continue;
      report({
        code: 'LVS271',
        pointer: joinPointer(service.pointer, service.schedulerFlags.length ? 'schedulerFlags' : 'onePacket'),
        message: `service ${service.name} sets ${service.schedulerFlags.length ? 'scheduler flags' : 'one-packet scheduling'}, which the static manager's ipvsadm rules do not carry yet`,
        label: 'not rendered',
        help: 'use `manager: keepalived`, or remove the setting',
      });
    }
  },
};
