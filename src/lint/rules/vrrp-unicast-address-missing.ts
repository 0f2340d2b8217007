// LVS242: unicast VRRP, and a director without an address of the instance's family on the VRRP interface to send from.
import { vrrpFamily, vrrpSourceAddress } from '../../model/vrrp.js';
import type { LintRule } from '../types.js';

export const vrrpUnicastAddressMissing: LintRule = {
  code: 'LVS242',
  check(model, report) {
    const vrrp = model.vrrp;
    if (!vrrp?.unicast) return;
    const family = vrrpFamily(model);
    for (const director of model.directors) {
      const iface = director.interfaces.find((i) => i.name === vrrp.interface);
      // A director without the interface at all is LVS226.
      if (!iface || vrrpSourceAddress(director, vrrp.interface, family)) continue;
      report({
        code: 'LVS242',
        pointer: iface.pointer,
        message: `director ${director.name} has no IPv${family} address on ${vrrp.interface}, the VRRP interface: unicast adverts need one as \`unicast_src_ip\` and as the other directors' peer address`,
        label: `no IPv${family} address`,
        related: [{ pointer: `${vrrp.pointer}/unicast`, message: 'unicast VRRP is set here' }],
        help: `give ${vrrp.interface} of ${director.name} an IPv${family} address on the VRRP segment, or remove \`unicast\` to advertise by multicast`,
      });
    }
  },
};
