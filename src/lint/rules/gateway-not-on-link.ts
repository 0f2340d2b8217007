// LVS206: a host's effective default gateway lies in none of its interface subnets.
import { onLink, type Address, type Family, type InterfaceAddress } from '../../model/address.js';
import type { Host, Located } from '../../model/types.js';
import { joinPointer } from '../../source/source-file.js';
import type { LintRule } from '../types.js';

function addressesOf(host: Host, family: Family): InterfaceAddress[] {
  return host.interfaces.flatMap((i) => i.addresses).filter((a) => a.address.family === family);
}

export const gatewayNotOnLink: LintRule = {
  code: 'LVS206',
  check(model, report) {
    // Well-known gateways to suggest when one of them is on the host's subnet.
    const candidates: { address: Address; what: string }[] = [];
    if (model.router) candidates.push({ address: model.router.inside.address.address, what: `the router's inside address` });
    if (model.vrrp?.gatewayAddress) candidates.push({ address: model.vrrp.gatewayAddress.address, what: 'the VRRP gateway address' });

    for (const host of [...model.directors, ...model.realServers]) {
      const kinds: [Family, (Address & Located) | undefined, string][] = [
        [4, host.gateway, 'gateway'],
        [6, host.gateway6, 'gateway6'],
      ];
      for (const [family, gateway, key] of kinds) {
        if (!gateway) continue;
        const own = gateway.pointer === joinPointer(host.pointer, key);
        const subnets = addressesOf(host, family);
        // A default gateway of a family the host has no address in just means no default route of that family.
        if (!own && subnets.length === 0) continue;
        if (subnets.some((a) => onLink(a, gateway))) continue;
        const role = host.role === 'director' ? 'director' : 'real server';
        const networks = subnets.map((a) => a.network);
        const where = networks.length ? `none of its subnets (${networks.join(', ')})` : `no subnet: it has no IPv${family} address`;
        const suggestion = candidates.find((c) => subnets.some((a) => onLink(a, c.address)));
        // A /32 or /128 has no room for a gateway; only real subnets are worth naming.
        const roomy = subnets.filter((a) => a.prefix < (family === 4 ? 31 : 127)).map((a) => a.network);
        const help = suggestion
          ? `use a gateway on ${host.name}'s subnet, such as ${suggestion.what} ${suggestion.address.text}`
          : roomy.length
            ? `use a gateway on ${roomy.join(' or ')}`
            : `give ${host.name} an IPv${family} address on the gateway's subnet, or remove its ${key}`;
        report({
          code: 'LVS206',
          pointer: gateway.pointer,
          message: own
            ? `gateway ${gateway.text} of ${role} ${host.name} is on ${where}`
            : `default ${key} ${gateway.text} is on none of ${role} ${host.name}'s subnets (${networks.join(', ')})`,
          label: own ? 'not on any subnet of this host' : `not on ${host.name}'s subnets`,
          related: own ? [] : [{ pointer: host.pointer, at: 'key', message: `${host.name} takes the default gateway` }],
          help: own ? help : `${help}, by setting ${key} on ${host.name}`,
        });
      }
    }
  },
};
