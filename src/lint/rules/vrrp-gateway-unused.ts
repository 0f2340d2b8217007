// LVS236: a floating gateway address (vrrp.gatewayAddress) that is on no subnet of a director, or that no NAT real server routes through.
import { onLink } from '../../model/address.js';
import type { LintRule } from '../types.js';

export const vrrpGatewayUnused: LintRule = {
  code: 'LVS236',
  check(model, report) {
    const gateway = model.vrrp?.gatewayAddress;
    if (!gateway) return;
    const off = model.directors.filter((d) => !d.interfaces.some((i) => i.addresses.some((a) => onLink(a, gateway.address))));
    if (off.length) {
      report({
        code: 'LVS236',
        pointer: gateway.pointer,
        message: `floating gateway ${gateway.text} is on none of the subnets of ${off.length > 1 ? 'directors' : 'director'} ${off.map((d) => d.name).join(', ')}, so no real server there can reach it`,
        label: 'on no director subnet',
        related: off.map((d) => ({ pointer: d.pointer, at: 'key' as const, message: `${d.name}'s interfaces` })),
        help: `use an address of the subnet the NAT real servers share with the directors, or give each director an address there`,
      });
      return;
    }
    const users = model.services
      .filter((s) => s.forwarding === 'nat')
      .flatMap((s) => s.members.filter((m) => m.host?.gateway?.value === gateway.address.value));
    if (users.length) return;
    report({
      code: 'LVS236',
      pointer: gateway.pointer,
      message: `no NAT real server routes through floating gateway ${gateway.text}: keepalived moves an address that nothing uses`,
      label: 'used by no NAT real server',
      help: `set ${gateway.address.text} as the gateway of the NAT real servers (their replies must return through the active director), or remove vrrp.gatewayAddress`,
    });
  },
};
