// A static director's IPVS rules, per service, exactly as `ipvsadm-save -n` prints them: the ipvsadm target
// writes them to the rules file, and apply.sh compares the live table with them service by service.
//
// The text is byte for byte what `ipvsadm-save -n` (ipvsadm 1.31, print_service_entry with FMT_RULE) prints
// for the same services. That is why it has no header: `ipvsadm -R` does not skip comments (config_stream.c
// never sees the `#`), and the ipvsadm-restore wrapper that does strip `^#` lines first flushes the whole
// table with `ipvsadm -C`. The lines come from the ipvsadm target's template of that form.
import type { Address } from '../model/address.js';
import type { ResolvedMember, ResolvedModel, ResolvedService } from '../model/resolved.js';
import { persistenceOf } from '../model/service.js';
import type { Tunnel } from '../model/types.js';

/** The template of the `ipvsadm-save -n` form; rendered through the calling target's context, which checks the view. */
export const IPVS_RULES_TEMPLATE = 'ipvsadm/ipvsadm.rules.hbs';

/** The framework's renderer as a target's context hands it over (TargetContext.render). */
export type RenderTemplate = (template: string, view: object, what: string) => string;

/** One service's rules, as `ipvsadm-save -n` prints them. */
export interface IpvsServiceRules {
  /** Service name in the topology. */
  service: string;
  /** The service as ipvsadm names it: `-t 10.10.24.88:80`, `-u [2001:db8::53]:53`, `--sctp-service …`, `-f 7` or `-f 7 -6`. */
  key: string;
  /** The `-A` line, then one `-a` line per real server in ipvsadm-save's order; no line ends. */
  lines: string[];
  /** Seconds a real server that leaves the service drains before it is deleted (ResolvedService.drainTimeout). */
  drainTimeout: number;
}

interface TunnelView {
  type: Tunnel['type'];
  port: number | null;
  /** `--tun-nocsum`, `--tun-csum` or `--tun-remcsum`; ipvsadm prints one for gue and gre, none for ipip. */
  checksum: string | null;
}

interface DestinationView {
  address: string;
  method: '-i' | '-g' | '-m';
  weight: number;
  tunnel: TunnelView | null;
}

interface ServiceView {
  key: string;
  scheduler: string;
  persistence: { timeout: number; netmask: string | null } | null;
  destinations: DestinationView[];
}

/** Sort key of a destination: ipvsadm compares 32-bit words of the address, then the port. */
interface SortableDestination {
  words: number[];
  port: number;
  view: DestinationView;
}

const METHOD = { tun: '-i', dr: '-g', nat: '-m' } as const;
const PROTOCOL_FLAG = { tcp: '-t', udp: '-u', sctp: '--sctp-service' } as const;
const CHECKSUM_FLAG = { none: '--tun-nocsum', csum: '--tun-csum', remcsum: '--tun-remcsum' } as const;

/** The eight 16-bit groups of an IPv6 address. */
function groups6(address: Address): number[] {
  return Array.from({ length: 8 }, (_, i) => Number((address.value >> BigInt(112 - 16 * i)) & 0xffffn));
}

/**
 * An address as glibc's inet_ntop prints it (ipvsadm -n uses it): RFC 5952 compression, except that
 * IPv4-mapped (`::ffff:a.b.c.d`) and IPv4-compatible (`::a.b.c.d`) addresses end in dotted quad.
 */
export function inetNtop(address: Address): string {
  if (address.family === 4) return address.text;
  const words = groups6(address);
  let best = { base: -1, len: 0 };
  let current = { base: -1, len: 0 };
  words.forEach((word, i) => {
    if (word === 0) {
      current = current.base === -1 ? { base: i, len: 1 } : { base: current.base, len: current.len + 1 };
      if (best.base === -1 || current.len > best.len) best = { ...current };
    } else current = { base: -1, len: 0 };
  });
  if (best.len < 2) best = { base: -1, len: 0 };
  let text = '';
  for (let i = 0; i < 8; i++) {
    if (best.base !== -1 && i >= best.base && i < best.base + best.len) {
      if (i === best.base) text += ':';
      continue;
    }
    if (i !== 0) text += ':';
    if (i === 6 && best.base === 0 && (best.len === 6 || (best.len === 5 && words[5] === 0xffff))) {
      const v4 = Number(address.value & 0xffffffffn);
      text += [24, 16, 8, 0].map((shift) => (v4 >>> shift) & 0xff).join('.');
      return text;
    }
    text += words[i]!.toString(16);
  }
  if (best.base !== -1 && best.base + best.len === 8) text += ':';
  return text;
}

/** `addr:port` as ipvsadm prints it: IPv6 in brackets. */
function addressPort(address: Address, port: number): string {
  const text = inetNtop(address);
  return address.family === 6 ? `[${text}]:${port}` : `${text}:${port}`;
}

/** 32-bit words of the address in network order, as ipvsadm's ipvs_cmp_dests reads them. */
function words32(address: Address): number[] {
  if (address.family === 4) return [Number(address.value)];
  return [0, 1, 2, 3].map((i) => Number((address.value >> BigInt(96 - 32 * i)) & 0xffffffffn));
}

/**
 * ipvsadm's destination order (libipvs ipvs_cmp_dests): `int r = ntohl(a) - ntohl(b)` per word, which wraps
 * at 2^31, then the port. For addresses less than 2^31 apart (any real pool) this is plain numeric order.
 */
function compareDestinations(a: SortableDestination, b: SortableDestination): number {
  for (let i = 0; i < a.words.length; i++) {
    const r = (a.words[i]! - (b.words[i] ?? 0)) | 0;
    if (r !== 0) return r;
  }
  return a.port - b.port;
}

/** The service as ipvsadm names it in `-A` and `-a` lines. */
export function serviceKey(service: ResolvedService): string {
  if (service.fwmark !== undefined) return service.vip.family === 6 ? `-f ${service.fwmark} -6` : `-f ${service.fwmark}`;
  return `${PROTOCOL_FLAG[service.protocol]} ${addressPort(service.vip, service.port)}`;
}

function tunnelView(service: ResolvedService): TunnelView | null {
  if (service.forwarding !== 'tun') return null;
  const tunnel = service.tunnel;
  if (tunnel.type === 'ipip') return { type: 'ipip', port: null, checksum: null };
  if (tunnel.type === 'gue') return { type: 'gue', port: tunnel.port, checksum: CHECKSUM_FLAG[tunnel.checksum] };
  return { type: 'gre', port: null, checksum: CHECKSUM_FLAG[tunnel.checksum] };
}

function serviceView(service: ResolvedService): ServiceView {
  const tunnel = tunnelView(service);
  const destinations: SortableDestination[] = service.members.map((member: ResolvedMember) => {
    // ipvsadm-save prints port 0 for a fwmark destination without one.
    const port = member.destinationPort ?? 0;
    return {
      words: words32(member.address),
      port,
      view: { address: addressPort(member.address, port), method: METHOD[service.forwarding], weight: member.weight, tunnel },
    };
  });
  const kept = persistenceOf(service);
  return {
    key: serviceKey(service),
    scheduler: service.scheduler,
    persistence: kept && { timeout: kept.timeout, netmask: kept.granularity },
    destinations: destinations.sort(compareDestinations).map((d) => d.view),
  };
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.length > 0);
}

/**
 * Per service (sorted by name), its `-A` line and `-a` lines exactly as `ipvsadm-save -n` prints them:
 * the rules file's content, and what apply.sh compares with the live table to replace one service at a time.
 * `render` is the calling target's context.render, which checks the view (the keys are phrases of words).
 */
export function ipvsRules(model: ResolvedModel, render: RenderTemplate): IpvsServiceRules[] {
  const views = model.services.map(serviceView);
  // One render of the template for all of them (thousands of renders cost far more), cut back into
  // services: each prints its -A line and one -a line per destination, and checked words hold no line breaks.
  const all = lines(render(IPVS_RULES_TEMPLATE, { services: views }, 'ipvsadm rule'));
  let next = 0;
  return views.map((view, i) => {
    const count = 1 + view.destinations.length;
    const service = model.services[i]!;
    const rules = { service: service.name, key: view.key, lines: all.slice(next, next + count), drainTimeout: service.drainTimeout };
    next += count;
    return rules;
  });
}
