// Shared lint helpers: every address the topology assigns, with its owner and source pointer.
import type { InterfaceAddress } from '../model/address.js';
import type { Host, Model } from '../model/types.js';

export interface AssignedAddress {
  ifaddr: InterfaceAddress;
  /** Host or router name. */
  owner: string;
  role: Host['role'];
  interfaceName: string;
  pointer: string;
}

/** All interface addresses of directors, real servers and the router, in document-independent order. */
export function assignedAddresses(model: Model): AssignedAddress[] {
  const out: AssignedAddress[] = [];
  for (const host of [...model.directors, ...model.realServers]) {
    for (const iface of host.interfaces) {
      for (const a of iface.addresses) {
        out.push({ ifaddr: a, owner: host.name, role: host.role, interfaceName: iface.name, pointer: a.pointer });
      }
    }
  }
  if (model.router) {
    for (const side of [model.router.inside, model.router.outside]) {
      out.push({ ifaddr: side.address, owner: model.router.name, role: 'router', interfaceName: side.interface, pointer: side.pointer + '/address' });
    }
  }
  return out;
}
