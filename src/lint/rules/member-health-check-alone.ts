// LVS268: a member's healthCheck settings on a service without a health check (they override the service's check).
import { joinPointer } from '../../source/source-file.js';
import type { LintRule } from '../types.js';

export const memberHealthCheckAlone: LintRule = {
  code: 'LVS268',
  check(model, report) {
    for (const service of model.services) {
      if (service.healthCheck && service.healthCheck.type !== 'none') continue;
      for (const member of service.members) {
        if (!member.healthCheckWritten) continue;
        report({
          code: 'LVS268',
          pointer: joinPointer(member.pointer, 'healthCheck'),
          at: 'key',
          message: service.healthCheck
            ? `member ${member.name} sets health-check fields, but service ${service.name} has \`healthCheck: { type: none }\``
            : `member ${member.name} sets health-check fields, but service ${service.name} has no health check for them to change`,
          label: 'nothing to override',
          help: `give service ${service.name} a \`healthCheck\` (its type applies to every member), or remove this member's \`healthCheck\``,
        });
      }
    }
  },
};
