// The keepalived target: one keepalived.conf per director of a keepalived-manager cluster (VRRP, virtual servers, checks).
import { keepalivedLinesOf, runsScript, splitCarriedLine } from '../model/keepalived-keywords.js';
import type { ResolvedInstance, ResolvedMember, ResolvedModel, ResolvedService, ResolvedVrrp } from '../model/resolved.js';
import { hasRealServers, persistenceOf, type WithRealServers } from '../model/service.js';
import type { Host, KeepalivedLine } from '../model/types.js';
import { floatingAddressDevice, VRRP_PASSWORD_LENGTH } from '../model/vrrp.js';
import type { HostPlan } from '../plan/host-plan.js';
import { KEEPALIVED_CONF, KEEPALIVED_STOP_DROPIN } from '../plan/install-paths.js';
import { serviceKey } from '../plan/ipvs-rules.js';
import { RenderedText, safePhrase, safeToken, UnsafeTokenError } from '../util/escape.js';
import { FILE_PLACEHOLDER, onChange, onInstall, ROOTFS, type EmittedFile, type HeaderView, type Target, type TargetContext } from './types.js';

const TEMPLATE = 'keepalived/keepalived.conf.hbs';
/**
 * Validate, then reload or start: `systemctl reload` starts nothing on a first install (and Debian's unit
 * is conditional on a non-empty file), and SIGHUP would load a file nobody checked. On SIGHUP keepalived
 * edits in place what stays (a weight: EDITDEST; scheduler, persistence: EDIT) and keeps connections, but
 * deletes a removed real server at once, without a drain (docs/operations.md; kernel-lab scenario inplace).
 */
export const KEEPALIVED_ACTIONS = [
  onInstall('systemctl', 'enable', 'keepalived.service'),
  onChange('keepalived', '-t', '-f', KEEPALIVED_CONF),
  onChange('systemctl', 'reload-or-restart', 'keepalived.service'),
];
/** One virtual server; keepalived.conf.hbs takes them already rendered. */
const VIRTUAL_SERVER_TEMPLATE = 'keepalived/virtual-server.hbs';
const OMITTED_SERVICE_TEMPLATE = 'keepalived/omitted-service.hbs';

interface AddressView {
  /** `10.10.24.88/32` */
  cidr: string;
  device: string;
}

/** What goes into global_defs besides the router id. */
interface GlobalView {
  /** `lvs_sync_daemon IFACE inst INSTANCE`; null without connection sync. */
  syncDaemon: { interface: string; instance: string; notes: string[] } | null;
  garp: { delay: number; repeat: number; refresh: number; refreshRepeat: number } | null;
  /** True when keepalived runs a script, a MISC_CHECK or a carried notify line (script_user root + enable_script_security). */
  scriptSecurity: boolean;
  /** `notification_email { }` addresses; null without `alertRecipients`. */
  alertRecipients: string[] | null;
  lines: RenderedText[];
}

interface VrrpView {
  name: string;
  /** Every director starts as BACKUP (nopreempt and preempt_delay need it); the highest priority wins the first election. */
  state: 'BACKUP';
  stateNote: string;
  interface: string;
  virtualRouterId: number;
  priority: number;
  advertInterval: number;
  authPassword: string | null;
  /** `nopreempt`, or `preempt_delay N`, or neither (preempt at once, keepalived's default). */
  preemption: { nopreempt: true; delay: null } | { nopreempt: false; delay: number | null };
  preemptionNote: string;
  unicast: { source: string; peers: string[] } | null;
  /** Addresses of the instance's family (VRRP advertises them). */
  addresses: AddressView[];
  /** Addresses of the other family: keepalived allows one family in `virtual_ipaddress`. */
  excluded: AddressView[] | null;
  notes: string[];
  /** `track_interface { }` names; empty: none. */
  trackInterfaces: string[];
  lines: RenderedText[];
}

interface CheckView {
  kind: 'TCP_CHECK' | 'HTTP_GET' | 'SSL_GET' | 'UDP_CHECK' | 'DNS_CHECK' | 'MISC_CHECK' | 'SMTP_CHECK' | 'PING_CHECK';
  /** http/https: each URL with its status codes (`200`, `200-299`) as one phrase, and its digest. */
  urls: { path: string; statusCodes: string; digest: string | null }[] | null;
  virtualHost: string | null;
  /** keepalived `connect_ip` and `bindto`. */
  connectIp: string | null;
  bindto: string | null;
  /** A member's own interval, when it differs from the virtual server's `delay_loop`. */
  delayLoop: number | null;
  dns: { type: string; name: string } | null;
  /** MISC_CHECK: the script and its arguments (the real server's address and port), written as one quoted string. */
  misc: { path: string; address: string; port: number | null; timeout: number } | null;
  connectPort: number | null;
  /** Absent for MISC_CHECK, whose time limit is misc_timeout. */
  connectTimeout: number | null;
  retry: number;
  delayBeforeRetry: number | null;
  lines: RenderedText[];
}

interface RealServerView {
  name: string;
  address: string;
  port: number | null;
  weight: number;
  check: CheckView | null;
  lines: RenderedText[];
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
  inhibitOnFailure: boolean;
  /** keepalived `alpha` and `ha_suspend`. */
  startDown: boolean;
  suspendOnBackup: boolean;
  scheduler: string;
  /** `sh-port`, `mh-fallback` ... and `ops`, one keyword a line. */
  schedulerFlags: string[];
  quorum: { minimumWeight: number; hysteresis: number | null; onUp: string | null; onDown: string | null; runOnStop: boolean } | null;
  method: MethodView;
  protocol: 'TCP' | 'UDP' | 'SCTP' | null;
  persistence: { timeout: number; granularity: string | null } | null;
  sorryServer: { address: string; port: number | null } | null;
  notes: string[];
  lines: RenderedText[];
  realServers: RealServerView[];
}

interface KeepalivedView {
  header: HeaderView;
  routerId: string;
  global: GlobalView;
  /** Every VRRP instance, the first one first; empty without VRRP. */
  vrrp: VrrpView[];
  /** `vrrp_sync_group` blocks: each group's instances, by group name. */
  syncGroups: { name: string; instances: string[] }[];
  /** VIPs of a lone director without VRRP: keepalived adds them at start and removes them at stop. */
  staticAddresses: AddressView[] | null;
}

/**
 * Carried lines as keepalived.conf text: the schema's pattern made them a keyword and words, each word bare
 * or a quoted phrase; every word is checked again here (no quote, brace, comment, `\\`, `$` or `@` starting a word).
 */
function carriedLines(lines: readonly KeepalivedLine[], what: string): RenderedText[] {
  return lines.map((line) => {
    const { keyword, words } = splitCarriedLine(line.text);
    if (/(^|[ "])@/.test(line.text)) throw new UnsafeTokenError(`${what} carried line`, line.text);
    const text = [safeToken(keyword, `${what} carried keyword`)];
    for (const word of words)
      text.push(word.quoted !== undefined ? `"${safePhrase(word.quoted, `${what} carried phrase`)}"` : safeToken(word.bare, `${what} carried word`));
    return new RenderedText(text.join(' '));
  });
}

/** VIP addresses of a director an instance moves (all of them without VRRP), then its other floating addresses. */
function floatingAddresses(director: Host, plan: HostPlan, instance?: ResolvedInstance): { family: 4 | 6; cidr: string; device: string }[] {
  const vips = instance ? plan.vips.filter((vip) => vip.services.some((name) => instance.services.has(name))) : plan.vips;
  const list = vips.map((vip) => ({ family: vip.address.family, cidr: vip.cidr, device: vip.device }));
  for (const floating of instance?.addresses ?? []) {
    list.push({ family: floating.address.family, cidr: floating.text, device: floatingAddressDevice(director, floating.address, instance!.interface) });
  }
  return list;
}

/** Addresses one VRRP advert can carry (keepalived moves any excess to virtual_ipaddress_excluded, with a warning). */
const MAX_ADVERTISED_ADDRESSES = 255;

function vrrpView(model: ResolvedModel, vrrp: ResolvedVrrp, instance: ResolvedInstance, director: Host, plan: HostPlan): VrrpView {
  const addresses = floatingAddresses(director, plan, instance);
  // keepalived takes the instance's family from virtual_ipaddress, which must hold one family only;
  // prefer IPv4 (VRRPv2, which can authenticate) and carry IPv6 VIPs in virtual_ipaddress_excluded.
  const family = instance.family;
  const notes: string[] = [];
  // VRRPv2 carries 8 bytes of password and keepalived uses the first 8 characters (LVS214): write those, so
  // that the file says what every director sends.
  let authPassword = vrrp.authPassword?.slice(0, VRRP_PASSWORD_LENGTH) ?? null;
  if (addresses.some((a) => a.family !== family)) {
    notes.push('IPv6 addresses are not advertised: virtual_ipaddress holds one address family');
  }
  if (authPassword !== null && family === 6) {
    authPassword = null;
    notes.push('no authentication: every address here is IPv6, so VRRP runs version 3, which has none (vrrp.authPassword is not used)');
  } else if (authPassword !== null) {
    notes.push(
      'PASS authentication is cleartext in every advert: it keeps out the adverts of another cluster with this virtual_router_id by mistake, not an attacker',
    );
  }
  const advertised = addresses.filter((a) => a.family === family).map(({ cidr, device }) => ({ cidr, device }));
  const excluded = addresses.filter((a) => a.family !== family).map(({ cidr, device }) => ({ cidr, device }));
  if (advertised.length > MAX_ADVERTISED_ADDRESSES) {
    // One VRRP advert carries at most 255 addresses; keepalived would move the rest itself, with a warning.
    excluded.unshift(...advertised.splice(MAX_ADVERTISED_ADDRESSES));
    notes.push(`only the first ${MAX_ADVERTISED_ADDRESSES} addresses fit in a VRRP advert; the others move with the instance from virtual_ipaddress_excluded`);
  }
  const leader = instance.leader;
  const others = model.directors.length - 1;
  let preemption: VrrpView['preemption'];
  let preemptionNote: string;
  if (!vrrp.preempt) {
    preemption = { nopreempt: true, delay: null };
    preemptionNote = 'no preemption: a director that comes back (reboot, upgrade) stays BACKUP, so the VIPs do not move a second time';
  } else {
    preemption = { nopreempt: false, delay: vrrp.preemptDelay ?? null };
    preemptionNote =
      vrrp.preemptDelay === undefined
        ? 'preemption: a director with a higher priority takes the VIPs back as soon as it is up'
        : `preemption: a director with a higher priority takes the VIPs back ${vrrp.preemptDelay} s after it is up`;
  }
  let unicast: VrrpView['unicast'] = null;
  if (instance.unicastSources && others > 0) {
    const sources = instance.unicastSources;
    unicast = {
      source: sources.get(director.name)!.text,
      peers: model.directors.filter((d) => d !== director).map((d) => sources.get(d.name)!.text),
    };
  } else if (instance.unicastSources) {
    // keepalived refuses unicast without peers (falls back to multicast; `keepalived -t` exits 5).
    notes.push('no unicast_peer: vrrp.unicast is set, but there is no other director to send adverts to yet');
  }
  return {
    name: instance.name,
    state: 'BACKUP',
    stateNote:
      others === 0
        ? 'starts as BACKUP and becomes MASTER when it hears no other director'
        : leader === director
          ? 'every director starts as BACKUP: this one has the highest priority and wins the first election'
          : `every director starts as BACKUP: ${leader.name} has the highest priority and wins the first election`,
    interface: instance.interface,
    virtualRouterId: instance.virtualRouterId,
    priority: instance.priorities.get(director.name)!,
    advertInterval: vrrp.advertInterval,
    authPassword,
    preemption,
    preemptionNote,
    unicast,
    addresses: advertised,
    excluded: excluded.length ? excluded : null,
    notes,
    trackInterfaces: [...vrrp.trackInterfaces],
    lines: carriedLines(vrrp.keepalivedLines, 'vrrp_instance'),
  };
}

/** What the one sync daemon does and does not copy: it follows the first instance, which lvs_sync_daemon names. */
function syncDaemonNotes(vrrp: ResolvedVrrp): string[] {
  const notes: string[] = [];
  if (vrrp.unicast) notes.push('the sync daemon sends by multicast (224.0.0.81, UDP 8848) even though VRRP adverts are unicast: the segment must carry it');
  const first = vrrp.all[0]!;
  for (const other of vrrp.all.slice(1))
    if (other.leader !== first.leader && other.services.size)
      notes.push(
        `it runs as master where ${first.name} is MASTER and as backup elsewhere: connections of instance ${other.name}, whose MASTER is ${other.leader.name}, are not copied (LVS251)`,
      );
  return notes;
}

function globalView(model: ResolvedModel): GlobalView {
  const vrrp = model.vrrp;
  const sync = vrrp && vrrp.connectionSync && model.directors.length >= 2;
  return {
    syncDaemon: sync ? { interface: vrrp.interface, instance: model.cluster, notes: syncDaemonNotes(vrrp) } : null,
    garp: vrrp ? { ...vrrp.garp } : null,
    scriptSecurity:
      model.services.filter(hasRealServers).some((s) => s.healthCheck?.type === 'misc' || s.quorum?.onUp !== undefined || s.quorum?.onDown !== undefined) ||
      [...keepalivedLinesOf(model)].some(({ line }) => runsScript(splitCarriedLine(line.text).keyword)),
    alertRecipients: model.alertRecipients ? [...model.alertRecipients.addresses] : null,
    lines: carriedLines(model.keepalivedLines, 'global_defs'),
  };
}

function methodView(service: ResolvedService): MethodView {
  if (service.forwarding === 'nat') return { kind: 'NAT', tunnel: null };
  if (service.forwarding === 'dr') return { kind: 'DR', tunnel: null };
  const tunnel = service.tunnel;
  if (tunnel.type === 'ipip') return { kind: 'TUN', tunnel: null };
  return {
    kind: 'TUN',
    tunnel: { type: tunnel.type, port: tunnel.port ?? null, checksum: tunnel.checksum === 'none' ? null : tunnel.checksum },
  };
}

const CHECKER = {
  tcp: 'TCP_CHECK',
  http: 'HTTP_GET',
  https: 'SSL_GET',
  udp: 'UDP_CHECK',
  dns: 'DNS_CHECK',
  misc: 'MISC_CHECK',
  smtp: 'SMTP_CHECK',
  ping: 'PING_CHECK',
} as const;

function realServerView(service: ResolvedService, member: ResolvedMember): RealServerView {
  const port = member.destinationPort ?? null;
  const view: RealServerView = {
    name: member.name,
    address: member.address.text,
    port,
    weight: member.weight,
    check: null,
    lines: carriedLines(member.keepalivedLines, `real_server ${member.name}`),
  };
  const check = member.check;
  if (!check) return view;
  const common = {
    urls: null,
    virtualHost: null,
    connectIp: null,
    bindto: check.sourceAddress?.text ?? null,
    delayLoop: check.interval !== service.healthCheck!.interval ? check.interval : null,
    dns: null,
    misc: null,
    connectPort: null,
    retry: check.retries,
    delayBeforeRetry: check.delayBeforeRetry ?? null,
    lines: carriedLines(check.keepalivedLines, `checker of ${service.name}`),
  };
  // misc and ping need no port: the script gets the real server's port as an argument, ping has none.
  if (check.type === 'misc') {
    view.check = {
      ...common,
      kind: 'MISC_CHECK',
      connectTimeout: null,
      misc: { path: check.script!, address: member.address.text, port, timeout: check.timeout },
    };
    return view;
  }
  if (check.type === 'ping') {
    view.check = { ...common, kind: 'PING_CHECK', connectTimeout: check.timeout };
    return view;
  }
  const probePort = check.probePort;
  view.check = {
    ...common,
    kind: CHECKER[check.type],
    urls:
      check.type === 'http' || check.type === 'https'
        ? check.urls.map((u) => ({ path: u.path, statusCodes: u.statusCodes.join(' '), digest: u.digest ?? null }))
        : null,
    virtualHost: (check.type === 'http' || check.type === 'https') && check.virtualHost !== undefined ? check.virtualHost : null,
    connectIp: check.address?.text ?? null,
    dns: check.type === 'dns' ? { type: check.queryType, name: check.queryName } : null,
    connectPort: probePort === port ? null : probePort,
    connectTimeout: check.timeout,
  };
  return view;
}

/** Comments at the top of a virtual server: where checks connect, or that there are none. */
function virtualServerNotes(service: ResolvedService, realServers: RealServerView[]): string[] {
  if (!realServers.some((rs) => rs.check)) return ['no health check: keepalived keeps every real server in the table, up or down'];
  const type = service.healthCheck?.type;
  const notes: string[] = [];
  if (type === 'misc') {
    notes.push(`keepalived runs ${service.healthCheck!.script!} with each real server's address and port below as arguments; exit status 0 means up`);
  } else if (type === 'ping') {
    notes.push('keepalived pings each real server at its own address below: this checks the host, not the service');
  } else if (realServers.some((rs) => rs.check?.connectIp)) {
    notes.push("keepalived probes a real server at its checker's connect_ip where one is set below, else at its own address");
  } else if (service.forwarding === 'nat') {
    notes.push('keepalived probes each real server at its own address and port below, where NAT sends the requests too');
  } else {
    notes.push(
      `keepalived probes each real server at its own address and port below, not at the VIP: the service must listen there as well as on ${service.vip.text}`,
    );
  }
  if (type !== 'misc' && !realServers.some((rs) => rs.check?.connectIp))
    notes.push('connect_ip is left alone on purpose: aimed at the VIP, the MASTER would probe its own IPVS table instead of one server');
  if (service.healthCheck?.inhibitOnFailure) {
    notes.push(
      'inhibit_on_failure: a failed real server gets weight 0 and its connections drain; removing it would reset them all at once (expire_nodest_conn=1)',
    );
  }
  return notes;
}

function virtualServerView(service: WithRealServers<ResolvedService>): VirtualServerView {
  const check = service.healthCheck && service.healthCheck.type !== 'none' ? service.healthCheck : undefined;
  const family = service.vip.family;
  const persistence = persistenceOf(service);
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
    inhibitOnFailure: Boolean(check?.inhibitOnFailure && realServers.some((rs) => rs.check)),
    startDown: Boolean(check?.startDown && realServers.some((rs) => rs.check)),
    suspendOnBackup: Boolean(check?.suspendOnBackup && realServers.some((rs) => rs.check)),
    scheduler: service.scheduler,
    schedulerFlags: [...service.schedulerFlags, ...(service.onePacket ? ['ops'] : [])],
    quorum: service.quorum
      ? {
          minimumWeight: service.quorum.minimumWeight,
          hysteresis: service.quorum.hysteresis || null,
          onUp: service.quorum.onUp ?? null,
          onDown: service.quorum.onDown ?? null,
          runOnStop: service.quorum.runOnStop,
        }
      : null,
    method,
    // keepalived ignores (and warns about) a protocol on fwmark services.
    protocol: fwmark === null ? (service.protocol.toUpperCase() as 'TCP' | 'UDP' | 'SCTP') : null,
    persistence,
    sorryServer: sorry ? { address: sorry.address.text, port: sorry.port ?? service.port ?? null } : null,
    notes,
    lines: carriedLines(service.keepalivedLines, `virtual_server ${service.name}`),
    realServers,
  };
}

/**
 * The virtual servers are the same in every director's file and make up nearly all of it: built,
 * checked and rendered once per render of the model, not once per director (fleets have thousands of services).
 */
function keepalivedView(context: TargetContext, plan: HostPlan): KeepalivedView {
  const { model } = context;
  const director = plan.host;
  const vrrp = model.vrrp;
  const instances = vrrp?.all ?? [];
  const groups = new Map<string, string[]>();
  for (const i of instances) if (i.syncGroup !== undefined) groups.set(i.syncGroup, [...(groups.get(i.syncGroup) ?? []), i.name]);
  return {
    header: context.header,
    routerId: director.name,
    global: globalView(model),
    vrrp: vrrp ? instances.map((i) => vrrpView(model, vrrp, i, director, plan)) : [],
    syncGroups: [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, members]) => ({ name, instances: members })),
    staticAddresses: vrrp ? null : floatingAddresses(director, plan).map(({ cidr, device }) => ({ cidr, device })),
  };
}

export const keepalivedTarget: Target = {
  id: 'keepalived',
  description: 'keepalived.conf for directors of a keepalived-manager cluster: VRRP, virtual servers and health checks',
  appliesTo: { roles: ['director'] },
  reloadPhase: 50,
  viewSafety: { comments: new Set(['header', 'note', 'notes', 'stateNote', 'preemptionNote']), phrases: new Set(['keys', 'statusCodes']) },
  render(context: TargetContext): EmittedFile[] {
    if (context.model.manager !== 'keepalived') return [];
    // The virtual servers are the same in every director's file and make up nearly all of it: built,
    // checked and rendered once, one service per render (each result flattened while it is small and
    // young, instead of one rope of hundreds of thousands of pieces surviving several GCs).
    let virtualServers: RenderedText | undefined;
    // The drop-in that makes a planned stop safe (templates/keepalived/planned-stop.conf.hbs), the same on every director.
    const stopView = { header: context.header, keys: context.model.services.filter(hasRealServers).map(serviceKey) };
    const dropIn = context.render('keepalived/planned-stop.conf.hbs', stopView, 'keepalived.service drop-in');
    return context.plans.flatMap((plan): EmittedFile[] => {
      const what = `keepalived.conf of ${plan.host.name}`;
      const view = keepalivedView(context, plan);
      virtualServers ??= new RenderedText(
        context.model.services
          .map((service) =>
            hasRealServers(service)
              ? context.render(VIRTUAL_SERVER_TEMPLATE, virtualServerView(service), what)
              : context.render(OMITTED_SERVICE_TEMPLATE, { name: service.name }, what),
          )
          .join(''),
      );
      const stop = {
        host: plan.host.name,
        path: `${ROOTFS}${KEEPALIVED_STOP_DROPIN}`,
        mode: 0o644,
        content: dropIn,
        target: 'keepalived',
        actions: [onChange('systemctl', 'daemon-reload')],
      };
      const conf = {
        host: plan.host.name,
        path: `${ROOTFS}${KEEPALIVED_CONF}`,
        // The VRRP password is a secret: readable by root only.
        mode: view.vrrp.some((v) => v.authPassword !== null) ? 0o600 : 0o640,
        content: context.render(TEMPLATE, { ...view, virtualServers }, what),
        target: 'keepalived',
        validate: ['keepalived', '-t', '-f', FILE_PLACEHOLDER],
        actions: KEEPALIVED_ACTIONS,
      };
      return [stop, conf];
    });
  },
};
