// The cisco-ios target: the edge router's static NAT from public addresses onto VIPs, as an IOS configuration snippet.
import type { ResolvedModel, ResolvedService } from '../model/resolved.js';
import type { EmittedFile, HeaderView, Target, TargetContext } from './types.js';

const TEMPLATE = 'cisco-ios/cisco-ios.cfg.hbs';

interface MappingView {
  service: string;
  protocol: 'tcp' | 'udp';
  vip: string;
  port: number;
  /** The outside interface when the public address is that interface's own address, else null. */
  outsideInterface: string | null;
  /** The public address when it is not the outside interface's address, else null. */
  publicAddress: string | null;
  publicPort: number;
  note: string;
}

interface IosView {
  header: HeaderView;
  inside: string;
  outside: string;
  mappings: MappingView[];
}

/**
 * IOS static NAT maps IPv4 tcp and udp ports only. Services it cannot map (IPv6 VIPs, fwmark, sctp) are
 * reported by lint (LVS227), which stops the build before targets run; they are left out here.
 */
function mappable(service: ResolvedService): service is ResolvedService & { port: number; protocol: 'tcp' | 'udp' } {
  return service.vip.family === 4 && service.fwmark === undefined && service.port !== undefined && service.protocol !== 'sctp';
}

function mappingView(model: ResolvedModel, service: ResolvedService & { port: number; protocol: 'tcp' | 'udp' }): MappingView {
  const router = model.router!;
  const publicAddress = service.publicAddress!;
  const publicPort = service.publicPort ?? service.port;
  // When the public address is the outside interface's own, name the interface: IOS then follows the
  // interface's address and, unlike a whole-address mapping, keeps the router reachable on its other ports.
  const onInterface = publicAddress.value === router.outside.address.address.value;
  const where = onInterface ? `${publicAddress.text} (the address of ${router.outside.interface})` : publicAddress.text;
  return {
    service: service.name,
    protocol: service.protocol,
    vip: service.vip.text,
    port: service.port,
    outsideInterface: onInterface ? router.outside.interface : null,
    publicAddress: onInterface ? null : publicAddress.text,
    publicPort,
    note: `service ${service.name}: ${service.protocol} ${where} port ${publicPort} to VIP ${service.vip.text} port ${service.port}`,
  };
}

export const ciscoIosTarget: Target = {
  id: 'cisco-ios',
  description: 'Cisco IOS static NAT snippet for the edge router: public address and port onto each published VIP',
  appliesTo: { roles: ['router'], routerPlatforms: ['cisco-ios'] },
  viewSafety: { ios: true },
  render(context: TargetContext): EmittedFile[] {
    const { model } = context;
    const router = model.router;
    if (!router) return [];
    const view: IosView = {
      header: context.header,
      inside: router.inside.interface,
      outside: router.outside.interface,
      mappings: model.services.filter((s) => s.publicAddress !== undefined).filter(mappable).map((s) => mappingView(model, s)),
    };
    const content = context.render(TEMPLATE, view, `IOS configuration of ${router.name}`);
    return [{ host: router.name, path: 'cisco-ios.cfg', mode: 0o644, content, target: 'cisco-ios' }];
  },
};
