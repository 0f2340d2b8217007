// LVS256: a port range of `ports` whose first port is above its last, or beyond 65535.
import type { LintRule } from '../types.js';

export const portRangeReversed: LintRule = {
  code: 'LVS256',
  check(model, report) {
    for (const service of model.services) {
      for (const range of service.ports ?? []) {
        if (range.to > 65535 || range.from > 65535) {
          report({
            code: 'LVS256',
            pointer: range.pointer,
            message: `port range ${range.from}-${range.to} of service ${service.name} goes beyond port 65535`,
            label: 'not a port',
            help: 'ports are 1 to 65535',
          });
        } else if (range.from > range.to) {
          report({
            code: 'LVS256',
            pointer: range.pointer,
            message: `port range ${range.from}-${range.to} of service ${service.name} is empty: its first port is above its last`,
            label: 'reversed range',
            help: `write ${range.to}-${range.from}`,
          });
        }
      }
    }
  },
};
