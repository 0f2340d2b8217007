// LVS235: real-server weights on a scheduler that does not read them (rr, lc, dh), where they change nothing.
import { joinPointer } from '../../source/source-file.js';
import type { LintRule } from '../types.js';

/**
 * Schedulers that pick a server without its weight: rr takes each in turn, lc the fewest connections, dh a
 * hash bucket per destination (ip_vs_dh assigns buckets round the list). A weight of 0 still takes a server
 * out of every scheduler's choice, so only weights other than 0 and 1 are reported. sh and mh are not
 * here: they size each server's share of the hash table by its weight.
 */
const IGNORE_WEIGHTS: Readonly<Record<string, string>> = {
  rr: 'scheduler: wrr',
  lc: 'scheduler: wlc',
  dh: 'a scheduler that reads weights (wrr, wlc, or mh to keep hashing)',
};

export const weightIgnored: LintRule = {
  code: 'LVS235',
  check(model, report) {
    for (const service of model.services) {
      const weighted = IGNORE_WEIGHTS[service.scheduler];
      if (!weighted) continue;
      const members = service.members.filter((m) => m.weight > 1);
      const [first] = members;
      if (!first) continue;
      report({
        code: 'LVS235',
        pointer: joinPointer(first.pointer, 'weight'),
        message: `scheduler \`${service.scheduler}\` of service ${service.name} ignores weights: ${first.name}'s weight ${first.weight} has no effect`,
        label: `ignored by ${service.scheduler}`,
        related: members.slice(1).map((m) => ({ pointer: joinPointer(m.pointer, 'weight'), message: `${m.name}'s weight ${m.weight} too` })),
        help: `use ${weighted}, which gives each real server a share by its weight, or remove the weights (0 still takes a server out of rotation)`,
      });
    }
  },
};
