// LVS221: real servers that cannot be reached in the address family forwarding needs.
import type { Family } from '../../model/address.js';
import type { Host } from '../../model/types.js';
import type { LintRule } from '../types.js';

const familiesOf = (host: Host): Set<Family> => new Set(host.interfaces.flatMap((i) => i.addresses.map((a) => a.address.family)));
const list = (families: Set<Family>): string => [...families].sort().map((f) => `IPv${f}`).join(' and ') || 'no';

export const addressFamilyMismatch: LintRule = {
  code: 'LVS221',
  check(model, report) {
    const directorFamilies = new Map(model.directors.map((d) => [d.name, familiesOf(d)]));
    const hostFamilies = new Map<string, Set<Family>>();
    for (const service of model.services) {
      const vipFamily = service.vip.family;
      for (const member of service.members) {
        const host = member.host;
        if (!host) continue;
        let families = hostFamilies.get(host.name);
        if (!families) hostFamilies.set(host.name, (families = familiesOf(host)));
        if (service.forwarding !== 'tun') {
          if (families.has(vipFamily)) continue;
          report({
            code: 'LVS221',
            pointer: member.pointer,
            message: `real server ${host.name} has ${list(families)} addresses only, but ${service.forwarding.toUpperCase()} service ${service.name} has an IPv${vipFamily} VIP`,
            label: `no IPv${vipFamily} address`,
            related: [{ pointer: service.vip.pointer, message: `IPv${vipFamily} VIP` }],
            help: `give ${host.name} an IPv${vipFamily} address, or use tun forwarding, the only method that crosses address families`,
          });
          continue;
        }
        // TUN may cross families, but each director needs an address of a family the real server has.
        const stranded = model.directors.filter((d) => ![...families].some((f) => directorFamilies.get(d.name)!.has(f)));
        if (!stranded.length) continue;
        const director = stranded[0]!;
        report({
          code: 'LVS221',
          pointer: member.pointer,
          message: `real server ${host.name} has ${list(families)} addresses only, and ${stranded.length > 1 ? 'directors' : 'director'} ${stranded.map((d) => d.name).join(', ')} ${stranded.length > 1 ? 'have' : 'has'} none of that family to tunnel from`,
          label: 'no common address family',
          related: [{ pointer: director.pointer, at: 'key', message: `${director.name} has ${list(directorFamilies.get(director.name)!)} addresses` }],
          help: `give ${stranded.length > 1 ? 'the directors' : director.name} an ${[...families].sort().map((f) => `IPv${f}`).join(' or ')} address that can reach ${host.name}`,
        });
      }
    }
  },
};
