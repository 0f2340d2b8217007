// LVS253: a floating address is moved twice: written in two instances' `addresses`, or also a VIP, in the same or another instance.
import { vrrpInstances } from '../../model/vrrp.js';
import type { LintRule } from '../types.js';

export const vrrpAddressDuplicate: LintRule = {
  code: 'LVS253',
  check(model, report) {
    // address -> where it is first moved: the instance, and the service or the written address.
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
    for (const instance of instances)
      for (const floating of instance.addresses) {
        const text = floating.address.text;
        const seen = first.get(text);
        if (!seen) {
          first.set(text, { instance: instance.name, what: `an address of instance ${instance.name}`, pointer: floating.pointer });
          continue;
        }
        report({
          code: 'LVS253',
          pointer: floating.pointer,
          message: `floating address ${text} of VRRP instance ${instance.name} is also ${seen.what}${seen.instance === instance.name ? '' : `, moved by ${seen.instance}`}`,
          label: 'moved twice',
          related: [{ pointer: seen.pointer, message: seen.what }],
          help:
            seen.instance === instance.name ? `remove ${text} here: the instance moves it already` : `let one instance move ${text}: remove it here or there`,
        });
      }
  },
};
