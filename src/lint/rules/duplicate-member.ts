// LVS223: the same real server listed twice in one service.
import type { Member } from '../../model/types.js';
import type { LintRule } from '../types.js';

export const duplicateMember: LintRule = {
  code: 'LVS223',
  check(model, report) {
    for (const service of model.services) {
      const first = new Map<string, Member>();
      for (const member of service.members) {
        const earlier = first.get(member.name);
        if (!earlier) {
          first.set(member.name, member);
          continue;
        }
        report({
          code: 'LVS223',
          pointer: member.pointer,
          message: `service ${service.name} lists real server ${member.name} twice`,
          label: 'listed again',
          related: [{ pointer: earlier.pointer, message: `first listed here` }],
          help: `remove the second entry; to send ${member.name} more traffic, raise its weight`,
        });
      }
    }
  },
};
