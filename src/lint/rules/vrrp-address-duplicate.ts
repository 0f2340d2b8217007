// LVS253: a floating address is moved twice: written in two instances' `addresses`, also a VIP, in the same or another
// instance, or also a host's own interface address (which keepalived would take away from it on failover).
import { vrrpInstances } from '../../model/vrrp.js';
import { assignedAddresses } from '../addresses.js';
import type { LintRule } from '../types.js';

export const vrrpAddressDuplicate: LintRule = {
  code: 'LVS253',
  check(model, report) {
    // address -> where it is first held: the instance ('' for a host's own address), and the service, address or host.
    const first = new Map<string, { instance: string; what: string; pointer: string }>();
    const instances = vrrpInstances(model);
    for (const instance of instances)
      for (const service of instance.services) {
        const seen = first.get(service.vip.text);
        if (!seen) first.set(service.vip.text, { instance: instance.name, what: `the VIP of service ${service.name}`, pointer: service.vip.pointer });
        else if (seen.instance !== instance.name)
          report({
            code: 'LVS253',
            pointer: service.vrrpInstance?.pointer ?? service.vip.pointer,
            message: `VIP ${service.vip.text} of service ${service.name} is moved by VRRP instance ${instance.name}, and as ${seen.what} by ${seen.instance}: two instances would hold it, on different MASTERs`,
            label: `instance ${instance.name}`,
            related: [{ pointer: seen.pointer, message: `${seen.what}, moved by ${seen.instance}` }],
            help: `let the services of one VIP name the same \`vrrpInstance\``,
          });
      }
    // A VIP that is a host's address is LVS202; a floating address that is one is reported here.
    const hosts = new Map<string, { what: string; pointer: string }>();
    for (const assigned of assignedAddresses(model))
      if (!hosts.has(assigned.ifaddr.address.text))
        hosts.set(assigned.ifaddr.address.text, { what: `the address of ${assigned.owner} on ${assigned.interfaceName}`, pointer: assigned.pointer });
    for (const instance of instances)
      for (const floating of instance.addresses) {
        const text = floating.address.text;
        const host = hosts.get(text);
        const seen = first.get(text);
        if (!seen && !host) {
          first.set(text, { instance: instance.name, what: `an address of instance ${instance.name}`, pointer: floating.pointer });
          continue;
        }
        const other = seen ?? { ...host!, instance: '' };
        report({
          code: 'LVS253',
          pointer: floating.pointer,
          message: `floating address ${text} of VRRP instance ${instance.name} is also ${other.what}${other.instance === instance.name || !other.instance ? '' : `, moved by ${other.instance}`}`,
          label: 'moved twice',
          related: [{ pointer: other.pointer, message: other.what }],
          help: !other.instance
            ? `give the instance an address no host has: keepalived would add ${text} on the MASTER and delete it on failover`
            : other.instance === instance.name
              ? `remove ${text} here: the instance moves it already`
              : `let one instance move ${text}: remove it here or there`,
        });
      }
  },
};
