// Decides, once, the edge router's facts that every router target renders: its two legs, the public
// mappings onto VIPs, and how the router reaches a VIP that is not on its inside subnet.
import type { Address, InterfaceAddress } from '../model/address.js';
import { onLink } from '../model/address.js';
import type { Located, Model, Protocol, Router } from '../model/types.js';

/** One leg of the router. */
export interface RouterLeg {
  interface: string;
  address: InterfaceAddress;
}

/** A route to a VIP that is not on the inside subnet, through the one director that holds it. */
export interface VipRoute {
  vip: Address;
  /** The director's address on the router's inside subnet. */
  via: Address;
  director: string;
}

/** One public address and port mapped onto a service's VIP and port. */
export interface RouterMapping {
  service: string;
  protocol: Protocol;
  publicAddress: Address & Located;
  /** The service's `publicPort`, or its port when unset. */
  publicPort: number;
  vip: Address & Located;
  port: number;
  /** True when the public address is the outside interface's own address. */
  onOutsideAddress: boolean;
}

/** A VIP the router has no way to reach: not on its inside subnet and no single director to route it through. */
export interface UnroutedVip {
  vip: Address & Located;
  service: string;
  reason: string;
}

/** The router's plan: what cisco-ios, nftables (and any router platform) render. */
export interface RouterPlan {
  router: Router;
  inside: RouterLeg;
  outside: RouterLeg;
  /** Services with a public address and a port (fwmark services have none: LVS227), sorted by service name. */
  mappings: RouterMapping[];
  /** One route per VIP that needs one, sorted by VIP. */
  routes: VipRoute[];
  /** VIPs of the inside address family that get no route (reported as LVS228), sorted by VIP. */
  unrouted: UnroutedVip[];
}

/** How the router reaches `vip`: on-link, through one director, or not at all (with the reason). */
function reach(model: Model, inside: InterfaceAddress, vip: Address): 'on-link' | { via: Address; director: string } | string {
  if (onLink(inside, vip)) return 'on-link';
  const onInside = model.directors.flatMap((director) =>
    director.interfaces.flatMap((iface) => iface.addresses.filter((a) => onLink(inside, a.address)).map((a) => ({ via: a.address, director: director.name }))),
  );
  if (onInside.length === 1) return onInside[0]!;
  return onInside.length === 0
    ? 'no director has an address there to route it through'
    : `${onInside.length} director addresses are there, and the VIP moves between them`;
}

/** Plans the router, or returns undefined when the topology has none. */
export function planRouter(model: Model): RouterPlan | undefined {
  const router = model.router;
  if (!router) return undefined;
  const inside = router.inside.address;
  const mappings: RouterMapping[] = [];
  const routes = new Map<bigint, VipRoute>();
  const unrouted = new Map<bigint, UnroutedVip>();
  for (const service of model.services) {
    const publicAddress = service.publicAddress;
    if (!publicAddress || service.port === undefined) continue;
    mappings.push({
      service: service.name,
      protocol: service.protocol,
      publicAddress,
      publicPort: service.publicPort ?? service.port,
      vip: service.vip,
      port: service.port,
      onOutsideAddress: publicAddress.value === router.outside.address.address.value,
    });
    // A VIP of the other family is a platform limit (LVS302, LVS304), not a routing question.
    if (service.vip.family !== inside.address.family || routes.has(service.vip.value) || unrouted.has(service.vip.value)) continue;
    const how = reach(model, inside, service.vip);
    if (how === 'on-link') continue;
    if (typeof how === 'string') unrouted.set(service.vip.value, { vip: service.vip, service: service.name, reason: how });
    else routes.set(service.vip.value, { vip: service.vip, ...how });
  }
  const byValue = (a: { vip: Address }, b: { vip: Address }): number => (a.vip.value < b.vip.value ? -1 : a.vip.value > b.vip.value ? 1 : 0);
  return {
    router,
    inside: { interface: router.inside.interface, address: inside },
    outside: { interface: router.outside.interface, address: router.outside.address },
    mappings,
    routes: [...routes.values()].sort(byValue),
    unrouted: [...unrouted.values()].sort(byValue),
  };
}
