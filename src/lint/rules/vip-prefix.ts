// LVS220: a VIP written with a prefix length: a warning when it is the director's own segment, else an error.
import { hostPrefix } from '../../model/address.js';
import { interfaceOn } from '../../model/hosts.js';
import { directorVipCidr } from '../../model/service.js';
import type { LintRule } from '../types.js';

export const vipPrefix: LintRule = {
  code: 'LVS220',
  check(model, report) {
    // The director holds one address per VIP: services that share it must write the same prefix.
    const firstByVip = new Map<string, (typeof model.services)[number]>();
    for (const service of model.services) {
      const full = hostPrefix(service.vip.family);
      const prefix = service.vipPrefix ?? full;
      const first = firstByVip.get(service.vip.text);
      if (!first) firstByVip.set(service.vip.text, service);
      else if ((first.vipPrefix ?? full) !== prefix) {
        report({
          code: 'LVS220',
          severity: 'error',
          pointer: service.vip.pointer,
          message: `services ${first.name} and ${service.name} share the VIP ${service.vip.text} but write it as ${directorVipCidr(first)} and ${directorVipCidr(service)}; a director holds it once`,
          label: `/${prefix}`,
          related: [{ pointer: first.vip.pointer, message: `/${first.vipPrefix ?? full} here` }],
          help: `write the same prefix on every service of ${service.vip.text}`,
        });
        continue;
      }
      if (service.vipPrefix === undefined || service.vipPrefix === full) continue;
      const cidr = directorVipCidr(service);
      if (service.vipPrefix > full) {
        report({
          code: 'LVS220',
          severity: 'error',
          pointer: service.vip.pointer,
          message: `the VIP ${cidr} of service ${service.name} has a prefix length longer than ${full}`,
          label: `/${service.vipPrefix}`,
          help: `write ${service.vip.text} (lvscc adds it as /${full})`,
        });
        continue;
      }
      // Legitimate only as the prefix of the segment each director already has: then the VIP is a second
      // address of that segment and its connected route is the one already there. Any other prefix brings
      // a connected route of its own, with the VIP as source, only while this director holds the VIP.
      if (!model.directors.length) continue;
      const outside = model.directors.filter((d) => interfaceOn(d, service.vip)?.ifaddr.prefix !== service.vipPrefix);
      if (outside.length) {
        const director = outside[0]!;
        const on = interfaceOn(director, service.vip);
        const segmentPointer = on?.iface.addresses.find((a) => a === on.ifaddr)?.pointer ?? on?.iface.pointer;
        report({
          code: 'LVS220',
          severity: 'error',
          pointer: service.vip.pointer,
          message: on
            ? `the VIP ${cidr} of service ${service.name} has another prefix than ${director.name}'s segment ${on.ifaddr.network} on ${on.iface.name}: the kernel would add a second connected route, with the VIP as its source`
            : `the VIP ${cidr} of service ${service.name} is on no segment of ${director.name}: its /${service.vipPrefix} would add a connected route for that subnet, with the VIP as its source, while ${director.name} holds the VIP`,
          label: `/${service.vipPrefix}`,
          ...(on && segmentPointer && { related: [{ pointer: segmentPointer, message: `/${on.ifaddr.prefix} on ${director.name}` }] }),
          help: on
            ? `write ${service.vip.text} (a host address) or ${service.vip.text}/${on.ifaddr.prefix}, the segment's prefix`
            : `write ${service.vip.text} without a prefix (lvscc adds it as /${full})`,
        });
        continue;
      }
      const segment = interfaceOn(model.directors[0]!, service.vip)!;
      report({
        code: 'LVS220',
        pointer: service.vip.pointer,
        message: `the VIP ${cidr} of service ${service.name} is added with its prefix on the directors: a second address of the segment ${segment.ifaddr.network}, whose connected route is already there${service.forwarding === 'nat' ? '' : `; real servers hold ${service.vip.text} as /${full}`}`,
        label: `/${service.vipPrefix}`,
        help: `nothing to do if that is meant (keepalived and ip addr add it as ${cidr}); write ${service.vip.text} to add it as a host address`,
      });
    }
  },
};
