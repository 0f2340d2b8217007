// LVS219: health-check fields written for a check type that ignores them.
import { joinPointer } from '../../source/source-file.js';
import type { LintRule } from '../types.js';

/** Fields each check type ignores; `none` ignores everything but `type`. */
const HTTP_ONLY = new Set(['path', 'expectStatus']);

export const healthCheckFieldIgnored: LintRule = {
  code: 'LVS219',
  check(model, report) {
    for (const service of model.services) {
      const check = service.healthCheck;
      if (!check || (check.type !== 'tcp' && check.type !== 'none')) continue;
      for (const field of check.written) {
        if (field === 'type') continue;
        if (check.type === 'tcp' && !HTTP_ONLY.has(field)) continue;
        report({
          code: 'LVS219',
          pointer: joinPointer(check.pointer, field),
          at: 'key',
          message:
            check.type === 'tcp'
              ? `\`${field}\` has no effect on the tcp health check of service ${service.name}: TCP_CHECK only connects`
              : `\`${field}\` has no effect: the health check of service ${service.name} has type none`,
          label: `ignored by type ${check.type}`,
          help:
            check.type === 'tcp'
              ? `remove \`${field}\`, or use \`type: http\` (or https) to check the response`
              : `remove \`${field}\`, or choose a check type (tcp, http or https)`,
        });
      }
    }
  },
};
