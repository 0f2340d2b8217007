// LVS229: two hosts (directors, real servers, the router) with one name, exactly or up to letter case.
import type { LintRule } from '../types.js';

interface NamedHost {
  name: string;
  role: 'director' | 'real server' | 'router';
  pointer: string;
  at: 'key' | 'value';
}

export const duplicateHostName: LintRule = {
  code: 'LVS229',
  check(model, report) {
    const hosts: NamedHost[] = [
      ...model.directors.map((h) => ({ name: h.name, role: 'director' as const, pointer: h.pointer, at: 'key' as const })),
      ...model.realServers.map((h) => ({ name: h.name, role: 'real server' as const, pointer: h.pointer, at: 'key' as const })),
    ];
    if (model.router) hosts.push({ name: model.router.name, role: 'router', pointer: `${model.router.pointer}/name`, at: 'value' });
    // Each host's bundle is hosts/<name>/: one name for two hosts makes their files collide, and names that
    // differ only in case collide on case-insensitive file systems (macOS, Windows) where bundles get copied.
    const first = new Map<string, NamedHost>();
    for (const host of hosts) {
      const key = host.name.toLowerCase();
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, host);
        continue;
      }
      const exact = earlier.name === host.name;
      report({
        code: 'LVS229',
        pointer: host.pointer,
        at: host.at,
        message: exact
          ? `${host.role} \`${host.name}\` has the same name as ${earlier.role} \`${earlier.name}\`, so both would write the bundle directory \`hosts/${host.name}/\``
          : `${host.role} \`${host.name}\` differs from ${earlier.role} \`${earlier.name}\` only in letter case, so their bundle directories collide on case-insensitive file systems`,
        label: exact ? 'name already used' : 'same name up to case',
        related: [{ pointer: earlier.pointer, at: earlier.at, message: `${earlier.role} ${earlier.name}` }],
        help: `give ${host.role} \`${host.name}\` a name of its own (host names must differ across directors, real servers and the router, ignoring case)`,
      });
    }
  },
};
