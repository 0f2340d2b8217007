// Facts of one host's addresses, stated once: which interface address shares a subnet with an address,
// and which address of a real server a director sends to.
import { onLink, type Address, type Family, type InterfaceAddress } from './address.js';
import type { Host, Interface } from './types.js';

/** The interface address of `host` on the same subnet as `address`, if any. */
export function interfaceOn(host: Host, address: Address): { iface: Interface; ifaddr: InterfaceAddress } | undefined {
  for (const iface of host.interfaces) for (const ifaddr of iface.addresses) if (onLink(ifaddr, address)) return { iface, ifaddr };
  return undefined;
}

/** The address a director uses to reach a real server for a VIP of `family`: its first address of that family. */
export function realServerAddressIn(host: Host, family: Family): Address | undefined {
  for (const iface of host.interfaces) for (const a of iface.addresses) if (a.address.family === family) return a.address;
  return undefined;
}
