// LVS204: a service member that names no real server defined under realServers.
import { joinPointer } from '../../source/source-file.js';
import { closest } from '../../util/closest.js';
import type { LintRule } from '../types.js';

export const unknownRealServer: LintRule = {
  code: 'LVS204',
  check(model, report) {
    const names = model.realServers.map((h) => h.name);
    // One suggestion per distinct unknown name: closest() is linear in the number of real servers.
    const suggestions = new Map<string, string | undefined>();
    for (const service of model.services) {
      for (const member of service.members) {
        if (member.host) continue;
        if (!suggestions.has(member.name)) suggestions.set(member.name, closest(member.name, names));
        const suggestion = suggestions.get(member.name);
        report({
          code: 'LVS204',
          // The object form `{ server: x }` has a `server` node; the plain form falls back to the list item.
          pointer: joinPointer(member.pointer, 'server'),
          message: `service ${service.name} lists real server ${member.name}, which is not defined under realServers`,
          label: 'unknown real server',
          help: suggestion ? `did you mean ${suggestion}?` : `define ${member.name} under realServers, or remove it from ${service.name}`,
        });
      }
    }
  },
};
