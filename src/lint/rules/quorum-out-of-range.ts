// LVS272: a service quorum that keepalived lowers at load: above the total weight, or a hysteresis not below it.
import { joinPointer } from '../../source/source-file.js';
import type { LintRule } from '../types.js';

export const quorumOutOfRange: LintRule = {
  code: 'LVS272',
  check(model, report) {
    // Under the static manager nothing reads a quorum: LVS218.
    if (model.manager !== 'keepalived') return;
    for (const service of model.services) {
      const quorum = service.quorum;
      if (!quorum) continue;
      const total = service.members.reduce((sum, m) => sum + m.weight, 0);
      // A total of 0 is LVS234's: no quorum at all could be met.
      if (total === 0) continue;
      // keepalived (check_data.c) lowers the quorum to the total weight, then the hysteresis to one below that
      // quorum, each with a warning: `keepalived -t` exits non-zero, and the service runs on other numbers.
      if (quorum.minimumWeight > total) {
        report({
          code: 'LVS272',
          pointer: joinPointer(quorum.pointer, 'minimumWeight'),
          message: `quorum ${quorum.minimumWeight} of service ${service.name} exceeds the total weight ${total} of its real servers: it could never be met, and keepalived lowers it to ${total}`,
          label: `above total weight ${total}`,
          related: service.members.map((m) => ({ pointer: m.pointer, message: `${m.name}: weight ${m.weight}` })),
          help: `set \`minimumWeight\` to at most ${total}, or raise the real servers' weights`,
        });
      }
      const effective = Math.min(quorum.minimumWeight, total);
      if (quorum.hysteresis >= effective) {
        report({
          code: 'LVS272',
          pointer: joinPointer(quorum.pointer, 'hysteresis'),
          message: `hysteresis ${quorum.hysteresis} of service ${service.name} is not below its quorum ${effective}: the quorum could not be lost before it is gained, and keepalived lowers the hysteresis to ${effective - 1}`,
          label: `not below quorum ${effective}`,
          help: `set \`hysteresis\` to at most ${effective - 1}`,
        });
      }
    }
  },
};
