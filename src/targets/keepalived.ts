// The keepalived target: one keepalived.conf per director of a keepalived-manager cluster (VRRP, virtual servers, checks).
import type { Host, Member, Model, Service } from '../model/types.js';
import { interfaceOn, realServerAddress, type HostPlan } from '../plan/host-plan.js';
import { renderTemplate } from '../render/handlebars.js';
import { assertSafeView } from '../util/escape.js';
import { ROOTFS, type EmittedFile, type HeaderView, type Target, type TargetContext } from './types.js';

const TEMPLATE = 'keepalived/keepalived.conf.hbs';
/** One virtual server; keepalived.conf.hbs takes them already rendered. */
const VIRTUAL_SERVER_TEMPLATE = 'keepalived/virtual-server.hbs';

/** keepalived's own default VRRP priority, used when a lone director sets none. */
const DEFAULT_PRIORITY = 100;

interface AddressView {
  /** `10.10.24.88/32` */
  cidr: string;
  device: string;
}

interface VrrpView {
  name: string;
  state: 'MASTER' | 'BACKUP';
  interface: string;
  virtualRouterId: number;
  priority: number;
  advertInterval: number;
  authPassword: string | null;
  /** Addresses of the instance's family (VRRP advertises them). */
  addresses: AddressView[];
  /** Addresses of the other family: keepalived allows one family in `virtual_ipaddress`. */
  excluded: AddressView[] | null;
  notes: string[];
}

interface CheckView {
  kind: 'TCP_CHECK' | 'HTTP_GET' | 'SSL_GET';
  url: { path: string; statusCode: number } | null;
  connectPort: number | null;
  connectTimeout: number;
  retry: number;
}

interface RealServerView {
  name: string;
  address: string;
  port: number | null;
  weight: number;
  check: CheckView | null;
  note: string | null;
}

interface MethodView {
  kind: 'NAT' | 'DR' | 'TUN';
  /** Absent for NAT, DR and plain ipip TUN (keepalived's default tunnel type). */
  tunnel: { type: 'gue' | 'gre'; port: number | null; checksum: 'csum' | 'remcsum' | null } | null;
}

interface VirtualServerView {
  name: string;
  address: string | null;
  port: number | null;
  fwmark: number | null;
  /** `inet` or `inet6` for fwmark services, which have no address to tell the family. */
  family: 'inet' | 'inet6' | null;
  delayLoop: number | null;
  scheduler: string;
  method: MethodView;
  protocol: 'TCP' | 'UDP' | 'SCTP' | null;
  persistence: { timeout: number; granularity: string | null } | null;
  sorryServer: { address: string; port: number | null } | null;
  notes: string[];
  realServers: RealServerView[];
}

interface KeepalivedView {
  header: HeaderView;
  routerId: string;
  vrrp: VrrpView | null;
  /** VIPs of a lone director without VRRP: keepalived adds them at start and removes them at stop. */
  staticAddresses: AddressView[] | null;
}

function internal(message: string): Error {
  return new Error(`internal error in the keepalived target: ${message}`);
}

function dottedNetmask(prefix: number): string {
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((shift) => (mask >>> shift) & 0xff).join('.');
}

/** The director that starts as MASTER: the highest priority (lint LVS213 makes priorities distinct). */
function masterOf(directors: readonly Host[]): Host {
  const priority = (h: Host): number => h.priority ?? DEFAULT_PRIORITY;
  const top = Math.max(...directors.map(priority));
  const leaders = directors.filter((d) => priority(d) === top);
  if (leaders.length !== 1) throw internal(`directors ${leaders.map((d) => d.name).join(', ')} share VRRP priority ${top} (LVS213)`);
  return leaders[0]!;
}

/** VIP addresses of a director, then the VRRP gateway address, split by address family. */
function floatingAddresses(model: Model, director: Host, plan: HostPlan): { family: 4 | 6; cidr: string; device: string }[] {
  const list = plan.vips.map((vip) => ({ family: vip.address.family, cidr: vip.cidr, device: vip.device }));
  const gateway = model.vrrp?.gatewayAddress;
  if (gateway) {
    const device = interfaceOn(director, gateway.address)?.iface.name ?? model.vrrp!.interface;
    list.push({ family: gateway.address.family, cidr: gateway.text, device });
  }
  return list;
}

/** Addresses one VRRP advert can carry (keepalived moves any excess to virtual_ipaddress_excluded, with a warning). */
const MAX_ADVERTISED_ADDRESSES = 255;

function vrrpView(model: Model, director: Host, plan: HostPlan): VrrpView | null {
  const vrrp = model.vrrp;
  if (!vrrp) {
    if (model.directors.length >= 2) throw internal(`${model.directors.length} directors but no vrrp section (LVS212)`);
    return null;
  }
  const addresses = floatingAddresses(model, director, plan);
  // keepalived takes the instance's family from virtual_ipaddress, which must hold one family only;
  // prefer IPv4 (VRRPv2, which can authenticate) and carry IPv6 VIPs in virtual_ipaddress_excluded.
  const family: 4 | 6 = addresses.some((a) => a.family === 4) ? 4 : 6;
  const notes: string[] = [];
  let authPassword = vrrp.authPassword ?? null;
  if (addresses.some((a) => a.family !== family)) {
    notes.push('IPv6 addresses are not advertised: virtual_ipaddress holds one address family');
  }
  if (authPassword !== null && family === 6) {
    authPassword = null;
    notes.push('no authentication: every address here is IPv6, so VRRP runs version 3, which has none (vrrp.authPassword is not used)');
  }
  const advertised = addresses.filter((a) => a.family === family).map(({ cidr, device }) => ({ cidr, device }));
  const excluded = addresses.filter((a) => a.family !== family).map(({ cidr, device }) => ({ cidr, device }));
  if (advertised.length > MAX_ADVERTISED_ADDRESSES) {
    // One VRRP advert carries at most 255 addresses; keepalived would move the rest itself, with a warning.
    excluded.unshift(...advertised.splice(MAX_ADVERTISED_ADDRESSES));
    notes.push(`only the first ${MAX_ADVERTISED_ADDRESSES} addresses fit in a VRRP advert; the others move with the instance from virtual_ipaddress_excluded`);
  }
  return {
    name: model.cluster,
    state: masterOf(model.directors) === director ? 'MASTER' : 'BACKUP',
    interface: vrrp.interface,
    virtualRouterId: vrrp.virtualRouterId,
    priority: director.priority ?? DEFAULT_PRIORITY,
    advertInterval: vrrp.advertInterval,
    authPassword,
    addresses: advertised,
    excluded: excluded.length ? excluded : null,
    notes,
  };
}

function methodView(service: Service): MethodView {
  if (service.forwarding === 'nat') return { kind: 'NAT', tunnel: null };
  if (service.forwarding === 'dr') return { kind: 'DR', tunnel: null };
  const tunnel = service.tunnel ?? { type: 'ipip', checksum: 'none', clampMss: true };
  if (tunnel.type === 'ipip') return { kind: 'TUN', tunnel: null };
  if (tunnel.type === 'gue' && tunnel.port === undefined) throw internal(`service ${service.name}: a gue tunnel needs a port (LVS222)`);
  if (tunnel.type === 'gre' && tunnel.checksum === 'remcsum') throw internal(`service ${service.name}: gre has no remote checksum (LVS222)`);
  return {
    kind: 'TUN',
    tunnel: { type: tunnel.type, port: tunnel.port ?? null, checksum: tunnel.checksum === 'none' ? null : tunnel.checksum },
  };
}

/** The real server's port in IPVS: the mapped port for NAT, the service port for DR and TUN, none for fwmark unless set. */
function realServerPort(service: Service, member: Member): number | null {
  if (service.fwmark !== undefined) return member.port ?? null;
  if (service.forwarding === 'nat') return member.port ?? service.port ?? null;
  return service.port ?? null;
}

const CHECKER = { tcp: 'TCP_CHECK', http: 'HTTP_GET', https: 'SSL_GET' } as const;

function realServerView(service: Service, member: Member): RealServerView {
  if (!member.host) throw internal(`service ${service.name} names unknown real server ${member.name} (LVS204)`);
  const address = realServerAddress(member.host, service.vip.family);
  if (!address) throw internal(`real server ${member.name} has no IPv${service.vip.family} address (LVS221)`);
  const port = realServerPort(service, member);
  const view: RealServerView = { name: member.name, address: address.text, port, weight: member.weight, check: null, note: null };
  const check = service.healthCheck;
  if (!check || check.type === 'none') return view;
  const probePort = check.port ?? port;
  if (probePort === null) {
    view.note = 'no health check: a fwmark service has no port to probe; set healthCheck.port';
    return view;
  }
  view.check = {
    kind: CHECKER[check.type],
    url: check.type === 'tcp' ? null : { path: check.path, statusCode: check.expectStatus },
    connectPort: probePort === port ? null : probePort,
    connectTimeout: check.timeout,
    retry: check.retries,
  };
  return view;
}

/** Comments at the top of a virtual server: where checks connect, or that there are none. */
function virtualServerNotes(service: Service, realServers: RealServerView[]): string[] {
  if (!realServers.some((rs) => rs.check)) return ['no health check: keepalived keeps every real server in the table, up or down'];
  const notes =
    service.forwarding === 'nat'
      ? ['keepalived probes each real server at its own address and port below, where NAT sends the requests too']
      : [
          `keepalived probes each real server at its own address and port below, not at the VIP: the service must listen there as well as on ${service.vip.text}`,
        ];
  notes.push('connect_ip is left alone on purpose: aimed at the VIP, the MASTER would probe its own IPVS table instead of one server');
  return notes;
}

function virtualServerView(service: Service): VirtualServerView {
  const check = service.healthCheck && service.healthCheck.type !== 'none' ? service.healthCheck : undefined;
  const family = service.vip.family;
  let persistence: VirtualServerView['persistence'] = null;
  if (service.persistence !== undefined) {
    const full = family === 4 ? 32 : 128;
    const prefix = service.persistenceNetmask ?? full;
    persistence = { timeout: service.persistence, granularity: prefix === full ? null : family === 4 ? dottedNetmask(prefix) : String(prefix) };
  }
  const method = methodView(service);
  const realServers = service.members.map((member) => realServerView(service, member));
  const notes = virtualServerNotes(service, realServers);
  const sorry = service.sorryServer;
  if (sorry) notes.push(`the sorry server replaces the real servers when all of them have failed, reached by ${method.kind} like them`);
  const fwmark = service.fwmark ?? null;
  return {
    name: service.name,
    address: fwmark === null ? service.vip.text : null,
    port: fwmark === null ? (service.port ?? null) : null,
    fwmark,
    family: fwmark === null ? null : family === 4 ? 'inet' : 'inet6',
    delayLoop: check && realServers.some((rs) => rs.check) ? check.interval : null,
    scheduler: service.scheduler,
    method,
    // keepalived ignores (and warns about) a protocol on fwmark services.
    protocol: fwmark === null ? (service.protocol.toUpperCase() as 'TCP' | 'UDP' | 'SCTP') : null,
    persistence,
    sorryServer: sorry ? { address: sorry.address.text, port: sorry.port ?? service.port ?? null } : null,
    notes,
    realServers,
  };
}

/**
 * The virtual servers are the same in every director's file and make up nearly all of it: built,
 * checked and rendered once per render of the model, not once per director (fleets have thousands of services).
 */
const sharedVirtualServers = new WeakMap<TargetContext, { views: VirtualServerView[]; text?: string }>();

function keepalivedView(context: TargetContext, director: Host): KeepalivedView {
  const { model } = context;
  const plan = context.plans.find((p) => p.host === director);
  if (!plan) throw internal(`no plan for director ${director.name}`);
  const vrrp = vrrpView(model, director, plan);
  if (!sharedVirtualServers.has(context)) sharedVirtualServers.set(context, { views: model.services.map(virtualServerView) });
  return {
    header: context.header,
    routerId: director.name,
    vrrp,
    staticAddresses: vrrp ? null : floatingAddresses(model, director, plan).map(({ cidr, device }) => ({ cidr, device })),
  };
}

/** Renders one director's keepalived.conf; exported for tests and for `lvscc explain`-style previews. */
export function renderKeepalivedConf(context: TargetContext, director: Host): { content: string; holdsPassword: boolean } {
  const view = keepalivedView(context, director);
  const what = `keepalived.conf of ${director.name}`;
  // The director's own values first, then the virtual servers: the order of checking one whole view,
  // so the first unsafe value found is the same one.
  assertSafeView(view, what);
  const shared = sharedVirtualServers.get(context)!;
  if (shared.text === undefined) {
    assertSafeView({ virtualServers: shared.views }, what);
    // One render per service, not one of the whole list: each result is flattened while it is small
    // and young, instead of one rope of hundreds of thousands of pieces surviving several GCs.
    shared.text = shared.views.map((virtualServer) => renderTemplate(VIRTUAL_SERVER_TEMPLATE, virtualServer)).join('');
  }
  return { content: renderTemplate(TEMPLATE, { ...view, virtualServers: shared.text }), holdsPassword: view.vrrp?.authPassword != null };
}

export const keepalivedTarget: Target = {
  id: 'keepalived',
  description: 'keepalived.conf for directors of a keepalived-manager cluster: VRRP, virtual servers and health checks',
  appliesTo: { roles: ['director'] },
  render(context: TargetContext): EmittedFile[] {
    if (context.model.manager !== 'keepalived') return [];
    return context.model.directors.map((director) => {
      const { content, holdsPassword } = renderKeepalivedConf(context, director);
      return {
        host: director.name,
        path: `${ROOTFS}/etc/keepalived/keepalived.conf`,
        // The VRRP password is a secret: readable by root only.
        mode: holdsPassword ? 0o600 : 0o640,
        content,
        target: 'keepalived',
        reload: 'systemctl reload keepalived',
      };
    });
  },
};
