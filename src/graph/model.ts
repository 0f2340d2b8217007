// The cluster as a small typed graph (nodes, edges, groups), built once from the resolved model; the printers read only this.
import { withPort } from '../model/address.js';
import { DEFAULT_PRIORITY, type ResolvedMember, type ResolvedModel, type ResolvedService } from '../model/resolved.js';
import type { Host } from '../model/types.js';

/** What a node stands for; printers pick its shape and colour from this. */
export type NodeKind = 'clients' | 'router' | 'director' | 'service' | 'real-server' | 'server-group';

/**
 * What an edge carries: `request` packets from clients towards the real servers, `return` packets (the
 * replies) back to the clients, and `holds` ties a director to a VIP it holds (or takes over under VRRP).
 */
export type EdgeKind = 'request' | 'return' | 'holds';

/** One box of the picture. `lines[0]` is its name; the rest are facts, one a line, unescaped. */
export interface GraphNode {
  /** An identifier safe in every output syntax: ASCII letters, digits and `_`, derived from position, never from a name. */
  id: string;
  kind: NodeKind;
  lines: string[];
}

/** One arrow; `label` is unescaped text, empty for none. */
export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  label: string;
}

/** Nodes drawn inside one frame (a Mermaid subgraph, a Graphviz cluster). */
export interface GraphGroup {
  /** Safe in every output syntax, like {@link GraphNode.id}. */
  id: string;
  label: string;
  nodeIds: string[];
}

/** The picture of one cluster: nodes, edges and groups in the order printers emit them. */
export interface ClusterGraph {
  /** The cluster's name. */
  cluster: string;
  /** One line saying how to read the picture. */
  legend: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  groups: GraphGroup[];
}

/**
 * A service with more members than this is drawn with one group node for all of them
 * ("rs1..rs100", the count, the range of weights) instead of one node per real server.
 */
export const GROUP_MEMBERS_ABOVE = 8;

const LEGEND = 'solid: requests; dashed: replies; dotted: VIP held by a director';

const PIECES = /(\d+)|(\D+)/g;

/** Orders names as people count them: `rs2` before `rs10` (digit runs compare by value, the rest by code point). */
export function compareNames(a: string, b: string): number {
  return comparePieces(a, a.match(PIECES) ?? [], b, b.match(PIECES) ?? []);
}

/** `items` in {@link compareNames} order of their names, each name split into its runs once (fleets sort thousands). */
export function sortByName<T>(items: readonly T[], name: (item: T) => string): T[] {
  return items
    .map((item) => {
      const text = name(item);
      return { item, text, pieces: text.match(PIECES) ?? [] };
    })
    .sort((x, y) => comparePieces(x.text, x.pieces, y.text, y.pieces))
    .map((entry) => entry.item);
}

function comparePieces(a: string, left: readonly string[], b: string, right: readonly string[]): number {
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i]!;
    const y = right[i]!;
    if (x === y) continue;
    const byValue = isDigit(x) && isDigit(y) ? compareDigits(x, y) : 0;
    if (byValue) return byValue;
    return x < y ? -1 : 1;
  }
  return left.length - right.length || (a < b ? -1 : a > b ? 1 : 0);
}

const isDigit = (run: string): boolean => run.charCodeAt(0) >= 48 && run.charCodeAt(0) <= 57;

/** Two runs of digits by value (any length, so no number type): without leading zeros, the longer is larger, else the first digit that differs decides. */
function compareDigits(x: string, y: string): number {
  const a = x.replace(/^0+(?=\d)/, '');
  const b = y.replace(/^0+(?=\d)/, '');
  if (a.length !== b.length) return a.length - b.length < 0 ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `10.10.24.88:80/tcp` or `10.10.24.88 fwmark 7/tcp`: the virtual service's address. */
function virtualAddress(service: ResolvedService): string {
  const where = service.port !== undefined ? withPort(service.vip, service.port) : `${service.vip.text} fwmark ${service.fwmark}`;
  return `${where}/${service.protocol}`;
}

/** The encapsulation of a TUN service as people name it: IPv6 in IPv6 is `ip6ip6`, GRE over IPv6 `ip6gre`. */
function encapsulation(service: ResolvedService & { forwarding: 'tun' }): string {
  const { type } = service.tunnel;
  if (service.vip.family === 4 || type === 'gue') return type;
  return type === 'ipip' ? 'ip6ip6' : 'ip6gre';
}

/** How the director hands requests to these real servers, for the request edge's label. */
function handOff(service: ResolvedService, members: readonly ResolvedMember[]): string {
  if (service.forwarding === 'tun') return `${encapsulation(service)} tunnel`;
  if (service.forwarding === 'dr') return 'direct routing';
  const ports = new Set(members.map((m) => m.destinationPort));
  const [port] = ports;
  return ports.size === 1 && port !== undefined ? `NAT to port ${port}` : 'NAT';
}

function serviceLines(service: ResolvedService): string[] {
  const method = service.forwarding === 'tun' ? `TUN (${encapsulation(service)})` : service.forwarding.toUpperCase();
  const lines = [service.name, `VIP ${virtualAddress(service)}`, `${method}, scheduler ${service.scheduler}`];
  const extras: string[] = [];
  if (service.persistence !== undefined) extras.push(`persistence ${service.persistence} s`);
  if (service.healthCheck && service.healthCheck.type !== 'none') extras.push(`${service.healthCheck.type} health check`);
  if (service.sorryServer)
    extras.push(
      `sorry server ${service.sorryServer.port !== undefined ? withPort(service.sorryServer.address, service.sorryServer.port) : service.sorryServer.address.text}`,
    );
  if (extras.length) lines.push(extras.join(', '));
  // LVS275: the static manager keeps a service without destinations, keepalived leaves it out (its sorry server too).
  if (service.members.length === 0) lines.push('no real servers: connections refused');
  return lines;
}

const hostAddresses = (host: Host): string[] => host.interfaces.flatMap((iface) => iface.addresses.map((a) => a.address.text));

/** `weight 2` or `weights 1-3`. */
function weightRange(members: readonly ResolvedMember[]): string {
  const weights = members.map((m) => m.weight);
  const low = Math.min(...weights);
  const high = Math.max(...weights);
  return low === high ? `weight ${low}` : `weights ${low}-${high}`;
}

/** Builds the picture of a resolved model. Pure; the same model gives the same graph, in the same order. */
export function buildClusterGraph(model: ResolvedModel): ClusterGraph {
  const nodes: GraphNode[] = [];
  const edges = new Map<string, GraphEdge>();
  const addEdge = (from: string, to: string, kind: EdgeKind, label: string): void => {
    const key = JSON.stringify([from, to, kind, label]);
    if (!edges.has(key)) edges.set(key, { from, to, kind, label });
  };

  const services = sortByName(model.services, (s) => s.name);
  const directors = sortByName(model.directors, (d) => d.name);
  const realServers = sortByName(model.realServers, (r) => r.name);
  const grouped = (service: ResolvedService): boolean => service.members.length > GROUP_MEMBERS_ABOVE;

  nodes.push({ id: 'clients', kind: 'clients', lines: ['clients', 'internet'] });
  const router = model.router;
  const published = services.filter((s) => s.publicAddress !== undefined);
  if (router) {
    const mappings = published.map((s) => {
      const port = s.publicPort ?? s.port;
      const outside = port !== undefined ? withPort(s.publicAddress!, port) : s.publicAddress!.text;
      return `${outside}/${s.protocol} → ${virtualAddress(s).replace(/\/[a-z]+$/, '')}`;
    });
    nodes.push({ id: 'router', kind: 'router', lines: [router.name, `edge router (${router.platform})`, ...mappings] });
  }

  const directorIds = directors.map((_, i) => `director_${i}`);
  directors.forEach((director, i) => {
    // Every director starts BACKUP; the highest priority wins the first election: the intended master.
    const role = model.vrrp ? (director.name === model.vrrp.leader.name ? 'intended MASTER' : 'BACKUP') : undefined;
    const instances = model.vrrp?.all ?? [];
    const vrrpLine =
      instances.length > 1
        ? instances.map((v) => `VRRP ${v.name}: ${v.leader === director ? 'intended MASTER' : 'BACKUP'}, priority ${v.priorities.get(director.name)}`)
        : role
          ? [`VRRP ${role}, priority ${director.priority ?? DEFAULT_PRIORITY}`]
          : [];
    nodes.push({ id: directorIds[i]!, kind: 'director', lines: [director.name, ...hostAddresses(director), ...vrrpLine] });
  });
  const serviceIds = services.map((_, i) => `service_${i}`);
  services.forEach((service, i) => nodes.push({ id: serviceIds[i]!, kind: 'service', lines: serviceLines(service) }));

  const inUngrouped = new Set(services.filter((s) => !grouped(s)).flatMap((s) => s.members.map((m) => m.host.name)));
  const inAny = new Set(services.flatMap((s) => s.members.map((m) => m.host.name)));
  const serverIds = new Map<string, string>();
  realServers.forEach((server, i) => {
    if (!inUngrouped.has(server.name) && inAny.has(server.name)) return;
    const id = `server_${i}`;
    serverIds.set(server.name, id);
    nodes.push({ id, kind: 'real-server', lines: [server.name, ...hostAddresses(server), ...(inAny.has(server.name) ? [] : ['in no service'])] });
  });
  const groupIds = new Map<ResolvedService, string>();
  services.forEach((service, i) => {
    if (!grouped(service)) return;
    const id = `members_${i}`;
    groupIds.set(service, id);
    const names = sortByName(service.members, (m) => m.host.name).map((m) => m.host.name);
    const summary = `${names.length} servers, ${weightRange(service.members)}`;
    nodes.push({ id, kind: 'server-group', lines: [`${names[0]}..${names[names.length - 1]}`, summary] });
  });

  services.forEach((service, i) => {
    const serviceId = serviceIds[i]!;
    // Unlabelled: the legend says what a dotted line is, and each director's node says MASTER or BACKUP.
    for (const directorId of directorIds) addEdge(directorId, serviceId, 'holds', '');
    const viaRouter = router !== undefined && service.publicAddress !== undefined;
    if (viaRouter) {
      addEdge('clients', 'router', 'request', 'request');
      addEdge('router', serviceId, 'request', 'request, static NAT');
    } else addEdge('clients', serviceId, 'request', 'request');
    const towardsClients = viaRouter ? 'router' : 'clients';
    const groupId = groupIds.get(service);
    const targets: { id: string; label: string }[] = groupId
      ? [{ id: groupId, label: handOff(service, service.members) }]
      : service.members.map((m) => ({ id: serverIds.get(m.host.name)!, label: `${handOff(service, [m])}, weight ${m.weight}` }));
    for (const target of targets) addEdge(serviceId, target.id, 'request', target.label);
    for (const target of targets) {
      if (service.forwarding === 'nat') addEdge(target.id, serviceId, 'return', 'reply, back through the director');
      else addEdge(target.id, towardsClients, 'return', 'reply from the VIP, bypassing the director');
    }
    if (service.forwarding === 'nat') addEdge(serviceId, towardsClients, 'return', 'reply');
    if (viaRouter) addEdge('router', 'clients', 'return', 'reply');
  });

  const groups: GraphGroup[] = [];
  const directorFrame = model.vrrp
    ? `directors: VRRP ${model.vrrp.all.map((v) => `${v.virtualRouterId} on ${v.interface}`).join(', ')}, ${model.manager}`
    : `${directors.length === 1 ? 'director' : 'directors'}: ${model.manager}`;
  groups.push({ id: 'directors', label: directorFrame, nodeIds: [...directorIds, ...serviceIds] });
  const serverNodeIds = nodes.filter((n) => n.kind === 'real-server' || n.kind === 'server-group').map((n) => n.id);
  if (serverNodeIds.length) groups.push({ id: 'real_servers', label: 'real servers', nodeIds: serverNodeIds });
  return { cluster: model.cluster, legend: LEGEND, nodes, edges: [...edges.values()], groups };
}
