// LVS203: two services with the same VIP, protocol and port, or the same fwmark (per address family).
import { withPort } from '../../model/address.js';
import type { Service } from '../../model/types.js';
import type { LintRule } from '../types.js';

/** The identity IPVS gives a service: fwmark services are keyed by (family, mark), others by (protocol, VIP, port). */
function identity(service: Service): { key: string; text: string } | undefined {
  if (service.fwmark !== undefined) {
    return { key: `fwmark|${service.vip.family}|${service.fwmark}`, text: `IPv${service.vip.family} fwmark ${service.fwmark}` };
  }
  if (service.port !== undefined) {
    return { key: `port|${service.protocol}|${service.vip.text}|${service.port}`, text: `${service.protocol} ${withPort(service.vip, service.port)}` };
  }
  return undefined;
}

export const duplicateService: LintRule = {
  code: 'LVS203',
  check(model, report) {
    const first = new Map<string, Service>();
    for (const service of model.services) {
      const id = identity(service);
      if (!id) continue;
      const earlier = first.get(id.key);
      if (!earlier) {
        first.set(id.key, service);
        continue;
      }
      report({
        code: 'LVS203',
        pointer: service.pointer,
        at: 'key',
        message: `services ${earlier.name} and ${service.name} are the same IPVS service (${id.text})`,
        label: `${service.name} repeats ${earlier.name}`,
        related: [{ pointer: earlier.pointer, at: 'key', message: `${earlier.name} defines ${id.text}` }],
        help:
          service.fwmark !== undefined
            ? `give ${service.name} its own fwmark, or merge its real servers into ${earlier.name}`
            : `change ${service.name}'s VIP, protocol or port, or merge its real servers into ${earlier.name}`,
      });
    }
  },
};
