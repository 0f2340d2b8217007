// LVS209: NAT real servers must send replies back through a director (or the VRRP floating address).
import { onLink, type Address, type Family } from '../../model/address.js';
import type { Host } from '../../model/types.js';
import { joinPointer } from '../../source/source-file.js';
import type { LintRule } from '../types.js';

export const natGatewayNotDirector: LintRule = {
  code: 'LVS209',
  check(model, report) {
    const directorAddress = new Set<string>();
    for (const director of model.directors) {
      for (const iface of director.interfaces) for (const a of iface.addresses) directorAddress.add(a.address.text);
    }
    const pair = model.directors.length >= 2;
    const floating = pair ? model.vrrp?.gatewayAddress?.address : undefined;
    /** Gateways that would work for `host`: the floating address if on its subnets, else director addresses there. */
    const acceptable = (host: Host, family: Family): string[] => {
      const own = host.interfaces.flatMap((i) => i.addresses);
      const reachable = (c: Address): boolean => c.family === family && own.some((a) => onLink(a, c));
      if (floating && reachable(floating)) return [floating.text];
      // With two or more directors only the floating address follows the master.
      if (pair) return [];
      return model.directors
        .flatMap((d) => d.interfaces.flatMap((i) => i.addresses.map((a) => a.address)))
        .filter(reachable)
        .map((c) => c.text);
    };
    // A real server in several NAT services is reported once per address family.
    const seen = new Set<string>();
    for (const service of model.services) {
      if (service.forwarding !== 'nat') continue;
      const family = service.vip.family;
      const key = family === 4 ? 'gateway' : 'gateway6';
      for (const member of service.members) {
        const host = member.host;
        if (!host || seen.has(`${host.name}|${family}`)) continue;
        const gateway = family === 4 ? host.gateway : host.gateway6;
        if (gateway && ((!pair && directorAddress.has(gateway.text)) || gateway.text === floating?.text)) continue;
        seen.add(`${host.name}|${family}`);
        const choices = acceptable(host, family);
        const unpaired =
          gateway !== undefined && gateway.text === model.vrrp?.gatewayAddress?.address.text && !floating
            ? '; the VRRP gateway address only counts with two or more directors'
            : '';
        const help =
          (choices.length
            ? `set ${key} on ${host.name} to ${choices.length > 1 ? `one of ${choices.slice(0, 4).join(', ')}` : choices[0]}${floating && choices[0] === floating.text ? ' (the VRRP gateway address follows the master)' : ''}`
            : pair
              ? `set vrrp.gatewayAddress to a floating address on ${host.name}'s segment and make it ${host.name}'s ${key}: keepalived moves it to the master`
              : `give a director an IPv${family} address on ${host.name}'s segment and make it ${host.name}'s ${key}`) + unpaired;
        if (!gateway) {
          report({
            code: 'LVS209',
            pointer: member.pointer,
            message: `real server ${host.name} of NAT service ${service.name} has no IPv${family} default gateway, so its replies cannot return through a director`,
            label: `no ${key}`,
            help,
          });
          continue;
        }
        const own = gateway.pointer === joinPointer(host.pointer, key);
        const what = directorAddress.has(gateway.text)
          ? `the address of one director only: while another director is master, replies bypass it and its connections break`
          : 'which is not a director address';
        report({
          code: 'LVS209',
          pointer: gateway.pointer,
          message: `real server ${host.name} of NAT service ${service.name} routes replies via ${gateway.text}${own ? '' : ' (from defaults)'}, ${what}`,
          label: directorAddress.has(gateway.text) ? 'one director only' : own ? 'not a director' : `${host.name}'s gateway is not a director`,
          related: [{ pointer: member.pointer, message: `${host.name} serves ${service.name} by NAT` }],
          help,
        });
      }
    }
  },
};
