// LVS208: direct routing needs the VIP on a director subnet and every member real server on that subnet.
import { onLink, type InterfaceAddress } from '../../model/address.js';
import type { Host } from '../../model/types.js';
import type { LintRule } from '../types.js';

const addressesOf = (host: Host): InterfaceAddress[] => host.interfaces.flatMap((i) => i.addresses);

export const drNotOnSegment: LintRule = {
  code: 'LVS208',
  check(model, report) {
    for (const service of model.services) {
      if (service.forwarding !== 'dr') continue;
      const vip = service.vip;
      // The VIP segment as each director sees it; usually one subnet shared by all directors.
      const segments = new Map<string, InterfaceAddress>();
      for (const director of model.directors) {
        const on = addressesOf(director).filter((a) => onLink(a, vip));
        for (const a of on) if (!segments.has(a.network)) segments.set(a.network, a);
        if (on.length) continue;
        report({
          code: 'LVS208',
          pointer: vip.pointer,
          message: `service ${service.name} uses direct routing, but its VIP ${vip.text} is on none of director ${director.name}'s subnets`,
          label: `not on ${director.name}'s segment`,
          related: [
            {
              pointer: director.pointer,
              at: 'key',
              message: `${director.name} has ${
                addressesOf(director)
                  .map((a) => a.text)
                  .join(', ') || 'no addresses'
              }`,
            },
          ],
          help: `DR only rewrites the MAC address: choose a VIP on the segment ${director.name} is attached to, or use tun forwarding`,
        });
      }
      if (segments.size === 0) continue;
      for (const member of service.members) {
        const host = member.host;
        if (!host) continue;
        const own = addressesOf(host);
        // A real server without any address of the VIP family is LVS221's finding.
        if (!own.some((a) => a.address.family === vip.family)) continue;
        const missing = [...segments.values()].find((segment) => !own.some((a) => onLink(segment, a.address)));
        if (!missing) continue;
        report({
          code: 'LVS208',
          pointer: member.pointer,
          message: `real server ${host.name} of DR service ${service.name} has no address on the VIP's segment ${missing.network}`,
          label: `not on ${missing.network}`,
          related: [{ pointer: host.pointer, at: 'key', message: `${host.name} has ${own.map((a) => a.text).join(', ')}` }],
          help: `DR only rewrites the MAC address, so ${host.name} needs an interface on ${missing.network}; otherwise use tun forwarding`,
        });
      }
    }
  },
};
