// The ordered, typed list of operations that configure one host at run time (what apply.sh carries out), from its plan.
import type { HostPlan } from './host-plan.js';
import type { IpvsServiceRules } from './ipvs-rules.js';
import type { MarkRuleset } from './mark-rules.js';

/**
 * Checks before anything changes that nothing else fights the bundle: on a director Debian's ipvsadm
 * restoring its own table at boot (refused); systemd-networkd enabled and running when networkd units
 * are installed (warned); NetworkManager managing one of `links` (refused).
 */
export interface PreflightOperation {
  kind: 'preflight';
  role: HostPlan['role'];
  /** The bundle installs networkd units for this host. */
  networkd: boolean;
  /** The links the bundle configures (interfaces and the devices it creates or uses). */
  links: string[];
}

/** An interface the topology gives the host: it must exist before anything changes; it is never created. */
export interface InterfaceOperation {
  kind: 'interface';
  link: string;
}

/** A kernel module, loaded before anything changes (best effort: built in or already loaded is fine); never unloaded. */
export interface ModuleOperation {
  kind: 'module';
  name: string;
}

/** A tunnel fallback device that its module creates when it loads: it must exist; it is never created or deleted. */
export interface FallbackDeviceOperation {
  kind: 'fallback-device';
  link: string;
  /** The module that creates the device. */
  module: string;
  reason: string;
}

/** A device that apply.sh creates (the DR dummy device) and teardown.sh deletes. */
export interface LinkCreatedOperation {
  kind: 'link-created';
  link: string;
  /** `ip link add LINK type TYPE`. */
  type: 'dummy';
  reason: string;
}

/** A kernel setting; the value it replaces is restored by teardown. */
export interface SysctlOperation {
  kind: 'sysctl';
  key: string;
  value: string;
  reason: string;
}

/** The MTU of a link; the one it replaces is restored by teardown. */
export interface MtuOperation {
  kind: 'mtu';
  link: string;
  mtu: number;
}

/** A link set up; teardown sets it down again if apply.sh brought it up. */
export interface LinkUpOperation {
  kind: 'link-up';
  link: string;
}

/** An address on a link (an interface address or a VIP); teardown deletes it if apply.sh added it. */
export interface AddressOperation {
  kind: 'addr';
  link: string;
  /** `10.10.24.88/32` */
  cidr: string;
  /** Added without duplicate address detection (IPv6 VIPs, which several hosts hold). */
  nodad: boolean;
  /** Added with preferred lifetime 0, so never a source address (see VipAddress.deprecated). */
  deprecated: boolean;
  /** Announced with gratuitous ARP or an unsolicited neighbour advertisement once added: a director's static VIP only. */
  announce: boolean;
  /** Why the address is there, when it is not the interface's own (a VIP: `VIP of http, https`). */
  reason?: string;
}

/** A GUE receive port (`ip fou add port PORT gue`); teardown deletes it if apply.sh added it. */
export interface FouOperation {
  kind: 'fou';
  port: number;
  family: 4 | 6;
}

/** The default route of a family; teardown deletes it and puts back the one it replaced. */
export interface RouteOperation {
  kind: 'route';
  family: 4 | 6;
  via: string;
  device: string;
  /** TCP MSS advertised on the route (TUN real servers clamp it). */
  advmss?: number;
}

/**
 * One IPVS service of the cluster on a static-manager director, edited in place where it differs: the
 * service with `ipvsadm -E`, each destination with `-a`/`-e`, and a leaving one set to weight 0 for the drain.
 */
export interface IpvsOperation {
  kind: 'ipvs';
  /** Service name in the topology. */
  service: string;
  /** The service as ipvsadm names it: `-t 10.10.24.88:80`. */
  key: string;
  /** Its `-A` line and `-a` lines in `ipvsadm-save -n` form. */
  rules: string[];
  /** Seconds a leaving real server may keep its active connections before it is deleted. */
  drainTimeout: number;
}

/** After the last IPVS service: deletes the real servers that left once drained (all of them waited for together). */
export interface IpvsDrainOperation {
  kind: 'ipvs-drain';
}

/** The directors' nft table that marks the grouped ports of fwmark services, replaced when its digest differs. */
export interface MarkOperation {
  kind: 'mark';
  table: string;
  digest: string;
  /** The nft file that replaces the table. */
  ruleset: string;
}

/** One thing a host's apply.sh makes true; `kind` names the shell kind that carries it out (templates/shell/kinds/). */
export type HostOperation =
  | PreflightOperation
  | InterfaceOperation
  | ModuleOperation
  | FallbackDeviceOperation
  | LinkCreatedOperation
  | SysctlOperation
  | MtuOperation
  | LinkUpOperation
  | AddressOperation
  | FouOperation
  | RouteOperation
  | IpvsOperation
  | IpvsDrainOperation
  | MarkOperation;

/**
 * The operations of one host, in the order apply.sh carries them out: checks and module loads first, then
 * devices, sysctls, links and their addresses, VIPs, GUE ports, default routes and, given `ipvsServices`
 * (a static-manager director's, else none), the IPVS services and then their drain. Given `mark` (a director's), the mark table
 * comes right after the sysctls, before any address: a VIP never takes a grouped port unmarked.
 */
export function hostOperations(plan: HostPlan, ipvsServices: readonly IpvsServiceRules[], mark?: MarkRuleset): HostOperation[] {
  const links = [...plan.links, ...plan.virtualLinks].map((l) => l.name);
  const operations: HostOperation[] = [{ kind: 'preflight', role: plan.role, networkd: links.length > 0, links }];
  for (const link of plan.links) operations.push({ kind: 'interface', link: link.name });
  for (const name of plan.modules) operations.push({ kind: 'module', name });
  for (const device of plan.virtualLinks) {
    // Fallback tunnel devices appear when their module loads; a dummy device must be created.
    if (device.kind === 'dummy') operations.push({ kind: 'link-created', link: device.name, type: 'dummy', reason: device.reason });
    else operations.push({ kind: 'fallback-device', link: device.name, module: device.module, reason: device.reason });
  }
  for (const { key, value, reason } of plan.sysctls) operations.push({ kind: 'sysctl', key, value, reason });
  if (mark) operations.push({ kind: 'mark', table: mark.table, digest: mark.digest, ruleset: mark.text });
  for (const link of plan.links) {
    if (link.mtu !== undefined) operations.push({ kind: 'mtu', link: link.name, mtu: link.mtu });
    operations.push({ kind: 'link-up', link: link.name });
    for (const cidr of link.addresses) operations.push({ kind: 'addr', link: link.name, cidr, nodad: false, deprecated: false, announce: false });
  }
  for (const device of plan.virtualLinks) operations.push({ kind: 'link-up', link: device.name });
  for (const vip of plan.vips) {
    // keepalived moves its VIPs itself.
    if (vip.managedBy !== 'static') continue;
    operations.push({
      kind: 'addr',
      link: vip.device,
      cidr: vip.cidr,
      nodad: vip.address.family === 6,
      deprecated: vip.deprecated,
      // keepalived announces its own VIPs; a real server's VIP (lo, tunl0, dummy) must never be announced.
      announce: plan.role === 'director',
      reason: `VIP of ${vip.services.join(', ')}`,
    });
  }
  for (const { port, family } of plan.fouPorts) operations.push({ kind: 'fou', port, family });
  for (const { family, via, device, advmss } of plan.routes) {
    operations.push(advmss === undefined ? { kind: 'route', family, via, device } : { kind: 'route', family, via, device, advmss });
  }
  for (const { service, key, lines, drainTimeout } of ipvsServices) operations.push({ kind: 'ipvs', service, key, rules: lines, drainTimeout });
  if (ipvsServices.length > 0) operations.push({ kind: 'ipvs-drain' });
  return operations;
}
