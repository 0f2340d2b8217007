// LVS226: the interface of a VRRP instance is not one of a director's interfaces.
import { vrrpInstances } from '../../model/vrrp.js';
import type { LintRule } from '../types.js';

export const vrrpInterfaceMissing: LintRule = {
  code: 'LVS226',
  check(model, report) {
    for (const instance of vrrpInstances(model)) {
      // An instance that does not set its interface takes vrrp.interface, reported there.
      if (!instance.first && instance.interface === model.vrrp!.interface) continue;
      for (const director of model.directors) {
        if (director.interfaces.some((i) => i.name === instance.interface)) continue;
        const names = director.interfaces.map((i) => i.name);
        const field = instance.first ? '`vrrp.interface`' : `the \`interface\` of instance ${instance.name}`;
        report({
          code: 'LVS226',
          pointer: `${instance.pointer}/interface`,
          message: `VRRP interface ${instance.interface} does not exist on director ${director.name}`,
          label: `not on ${director.name}`,
          related: [{ pointer: director.pointer, at: 'key', message: `${director.name} has ${names.join(', ')}` }],
          help: `set ${field} to the interface every director has on the shared segment, or name ${director.name}'s interface ${instance.interface}`,
        });
      }
    }
  },
};
