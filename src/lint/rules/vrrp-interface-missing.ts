// LVS226: the VRRP interface is not one of a director's interfaces.
import type { LintRule } from '../types.js';

export const vrrpInterfaceMissing: LintRule = {
  code: 'LVS226',
  check(model, report) {
    const vrrp = model.vrrp;
    if (!vrrp) return;
    for (const director of model.directors) {
      if (director.interfaces.some((i) => i.name === vrrp.interface)) continue;
      const names = director.interfaces.map((i) => i.name);
      report({
        code: 'LVS226',
        pointer: `${vrrp.pointer}/interface`,
        message: `VRRP interface ${vrrp.interface} does not exist on director ${director.name}`,
        label: `not on ${director.name}`,
        related: [{ pointer: director.pointer, at: 'key', message: `${director.name} has ${names.join(', ')}` }],
        help: `set \`vrrp.interface\` to the interface every director has on the shared segment, or name ${director.name}'s interface ${vrrp.interface}`,
      });
    }
  },
};
