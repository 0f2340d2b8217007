// LVS242: unicast VRRP, and a director without an address of an instance's family on that instance's interface to send from.
import { instanceFamily, vrrpInstances, vrrpSourceAddress } from '../../model/vrrp.js';
import type { LintRule } from '../types.js';

export const vrrpUnicastAddressMissing: LintRule = {
  code: 'LVS242',
  check(model, report) {
    const vrrp = model.vrrp;
    if (!vrrp?.unicast) return;
    for (const instance of vrrpInstances(model)) {
      const family = instanceFamily(instance);
      const what = instance.first ? 'the VRRP interface' : `the interface of VRRP instance ${instance.name}`;
      for (const director of model.directors) {
        const iface = director.interfaces.find((i) => i.name === instance.interface);
        // A director without the interface at all is LVS226.
        if (!iface || vrrpSourceAddress(director, instance.interface, family)) continue;
        report({
          code: 'LVS242',
          pointer: iface.pointer,
          message: `director ${director.name} has no IPv${family} address on ${instance.interface}, ${what}: unicast adverts need one as \`unicast_src_ip\` and as the other directors' peer address`,
          label: `no IPv${family} address`,
          related: [{ pointer: `${vrrp.pointer}/unicast`, message: 'unicast VRRP is set here' }],
          help: `give ${instance.interface} of ${director.name} an IPv${family} address on the VRRP segment, or remove \`unicast\` to advertise by multicast`,
        });
      }
    }
  },
};
