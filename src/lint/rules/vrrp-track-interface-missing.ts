// LVS274: a tracked VRRP interface (vrrp.trackInterfaces) that a director does not have.
import type { LintRule } from '../types.js';

export const vrrpTrackInterfaceMissing: LintRule = {
  code: 'LVS274',
  check(model, report) {
    const vrrp = model.vrrp;
    if (!vrrp) return;
    vrrp.trackInterfaces.forEach((name, i) => {
      for (const director of model.directors) {
        if (director.interfaces.some((itf) => itf.name === name)) continue;
        report({
          code: 'LVS274',
          pointer: `${vrrp.pointer}/trackInterfaces/${i}`,
          message: `tracked interface ${name} does not exist on director ${director.name}: keepalived refuses a configuration that tracks a missing interface`,
          label: `not on ${director.name}`,
          related: [{ pointer: director.pointer, at: 'key', message: `${director.name} has ${director.interfaces.map((itf) => itf.name).join(', ')}` }],
          help: `name ${director.name}'s interface ${name}, or remove it from \`vrrp.trackInterfaces\``,
        });
      }
    });
  },
};
