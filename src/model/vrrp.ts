// Facts of the VRRP instance, stated once for lint, the resolved model and the keepalived target: its
// address family, the address each director sends unicast adverts from, and the password length it sends.
import type { Address, Family } from './address.js';
import type { Host, Model } from './types.js';

/** Characters of a PASS password a VRRPv2 advert carries: keepalived uses the first 8 and ignores the rest. */
export const VRRP_PASSWORD_LENGTH = 8;

/**
 * The address family of the VRRP instance: keepalived takes it from `virtual_ipaddress`, which holds one
 * family. IPv4 (VRRPv2, which can authenticate) when any VIP or the gateway address is IPv4, else IPv6 (VRRPv3).
 */
export function vrrpFamily(model: Pick<Model, 'services' | 'vrrp'>): Family {
  return model.vrrp?.gatewayAddress?.address.family === 4 || model.services.some((s) => s.vip.family === 4) ? 4 : 6;
}

/** The address `director` sends unicast adverts from: its first address of `family` on the VRRP interface. */
export function vrrpSourceAddress(director: Host, iface: string, family: Family): Address | undefined {
  for (const a of director.interfaces.find((i) => i.name === iface)?.addresses ?? []) if (a.address.family === family) return a.address;
  return undefined;
}
