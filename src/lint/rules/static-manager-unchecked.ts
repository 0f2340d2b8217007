// LVS244: a service under the static manager without a health check: nothing removes a dead real server.
import type { LintRule } from '../types.js';
import { suggestion } from './health-check-missing.js';

export const staticManagerUnchecked: LintRule = {
  code: 'LVS244',
  check(model, report) {
    if (model.manager !== 'static') return;
    // The default manager is static only for one director without checks (model/service.ts defaultManager).
    const why = model.managerSet ? '' : ' (the default for one director without health checks)';
    for (const service of model.services) {
      // Without real servers there is nothing to remove (LVS275 says what happens instead).
      if (service.healthCheck || !service.members.length) continue;
      report({
        code: 'LVS244',
        pointer: service.pointer,
        at: 'key',
        message: `service ${service.name} has no health check and the manager is static${why}: nothing removes a dead real server, which keeps its share of requests`,
        label: 'no healthCheck',
        related: model.managerSet ? [{ pointer: '/manager', message: 'the static manager is set here' }] : [],
        help: `set \`manager: keepalived\` and add ${suggestion(service)}, or write \`healthCheck: { type: none }\` if that is intended`,
      });
    }
  },
};
