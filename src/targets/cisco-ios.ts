// The cisco-ios target: the edge router's static NAT from public addresses onto VIPs, as an IOS configuration snippet.
import type { Finding } from '../lint/types.js';
import { planRouter, type RouterMapping } from '../plan/router-plan.js';
import type { EmittedFile, HeaderView, Target, TargetContext, LimitContext } from './types.js';

const TEMPLATE = 'cisco-ios/cisco-ios.cfg.hbs';

/** IOS `ip nat inside source static` is NAT44: it maps IPv4 addresses only. */
const NAT_FAMILY = 4;
/** The protocols whose ports `ip nat inside source static PROTOCOL` maps. */
const NAT_PROTOCOLS: ReadonlySet<string> = new Set(['tcp', 'udp']);

interface MappingView {
  service: string;
  protocol: string;
  vip: string;
  port: number;
  /** The outside interface when the public address is that interface's own address, else null. */
  outsideInterface: string | null;
  /** The public address when it is not the outside interface's address, else null. */
  publicAddress: string | null;
  publicPort: number;
  note: string;
}

interface RouteView {
  vip: string;
  via: string;
  note: string;
}

interface IosView {
  header: HeaderView;
  inside: string;
  outside: string;
  mappings: MappingView[];
  routes: RouteView[];
}

function mappingView(outside: string, mapping: RouterMapping): MappingView {
  const { publicAddress, publicPort, vip, port, protocol } = mapping;
  // When the public address is the outside interface's own, name the interface: IOS then follows the
  // interface's address and, unlike a whole-address mapping, keeps the router reachable on its other ports.
  const where = mapping.onOutsideAddress ? `${publicAddress.text} (the address of ${outside})` : publicAddress.text;
  return {
    service: mapping.service,
    protocol,
    vip: vip.text,
    port,
    outsideInterface: mapping.onOutsideAddress ? outside : null,
    publicAddress: mapping.onOutsideAddress ? null : publicAddress.text,
    publicPort,
    note: `service ${mapping.service}: ${protocol} ${where} port ${publicPort} to VIP ${vip.text} port ${port}`,
  };
}

/** IOS static NAT maps IPv4 tcp and udp ports only (fwmark services are LVS227, for every platform). */
function limits({ model }: LimitContext): Finding[] {
  const plan = planRouter(model);
  if (!plan) return [];
  const found: Finding[] = [];
  for (const m of plan.mappings) {
    if (m.vip.family !== NAT_FAMILY) {
      found.push({
        code: 'LVS302',
        pointer: m.publicAddress.pointer,
        message: `service ${m.service} maps public address ${m.publicAddress.text} onto IPv6 VIP ${m.vip.text}, but IOS \`ip nat inside source static\` is NAT44 only`,
        label: 'IPv4 to IPv6',
        related: [{ pointer: m.vip.pointer, message: 'IPv6 VIP' }],
        help: 'give this service an IPv4 VIP, or route the IPv6 VIP to the directors directly and remove `publicAddress`',
      });
    }
    if (!NAT_PROTOCOLS.has(m.protocol)) {
      found.push({
        code: 'LVS303',
        pointer: m.publicAddress.pointer,
        message: `service ${m.service} uses ${m.protocol}, but IOS static NAT maps only tcp and udp ports`,
        label: `${m.protocol} service`,
        help: 'remove `publicAddress` and route the VIP to the directors, publish the service over tcp or udp, or use an nftables router, which maps sctp',
      });
    }
  }
  return found;
}

export const ciscoIosTarget: Target = {
  id: 'cisco-ios',
  description: 'Cisco IOS static NAT snippet for the edge router: public address and port onto each published VIP',
  appliesTo: { roles: ['router'], routerPlatforms: ['cisco-ios'] },
  viewSafety: { ios: true },
  limits,
  render(context: TargetContext): EmittedFile[] {
    const plan = planRouter(context.model);
    if (!plan) return [];
    const view: IosView = {
      header: context.header,
      inside: plan.inside.interface,
      outside: plan.outside.interface,
      mappings: plan.mappings.map((m) => mappingView(plan.outside.interface, m)),
      routes: plan.routes.map((r) => ({
        vip: r.vip.text,
        via: r.via.text,
        note: `VIP ${r.vip.text} is off the inside subnet: reach it through director ${r.director}`,
      })),
    };
    const content = context.render(TEMPLATE, view, `IOS configuration of ${plan.router.name}`);
    return [{ host: plan.router.name, path: 'cisco-ios.cfg', mode: 0o644, content, target: 'cisco-ios' }];
  },
};
