// The semantic diff of two resolved models: each change of services, members, VRRP, manager and hosts, with
// its impact class on traffic and the reason. Files say what changes; this says what it does to clients.
// The classes assume the apply.sh of the directors edits IPVS services in place (ipvsadm -E/-e) and drains a
// removed real server (weight 0, then removal once its connections end); docs/plan.md states the assumptions.
import type { ResolvedInstance, ResolvedMember, ResolvedModel, ResolvedService } from '../model/resolved.js';
import { DEFAULT_PRIORITY } from '../model/resolved.js';
import type { Host } from '../model/types.js';
import { compareText } from '../util/compare.js';
import { IMPACT_CLASSES, type Impact, type ImpactClass } from './document.js';

/** How strong a class is: its index in {@link IMPACT_CLASSES}. */
export const impactRank = (c: ImpactClass): number => IMPACT_CLASSES.indexOf(c);
/** The stronger of two classes. */
export const stronger = (a: ImpactClass, b: ImpactClass): ImpactClass => (impactRank(a) >= impactRank(b) ? a : b);

/** What identifies a virtual service in IPVS: protocol, VIP and port, or the firewall mark and family. */
function serviceIdentity(s: ResolvedService): string {
  return s.fwmark !== undefined ? `fwmark ${s.fwmark} (IPv${s.vip.family})` : `${s.protocol} ${s.vip.family === 6 ? `[${s.vip.text}]` : s.vip.text}:${s.port}`;
}

/** Where a member's traffic goes: the real server's address and the destination port. */
const destination = (m: ResolvedMember): string => (m.destinationPort === undefined ? m.address.text : `${m.address.text}:${m.destinationPort}`);

const publicOf = (s: ResolvedService): string | undefined => (s.publicAddress ? `${s.publicAddress.text}:${s.publicPort ?? s.port ?? '*'}` : undefined);

/** A value as JSON with the source pointers left out (they move when lines move, which changes nothing). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => (key === 'pointer' || key === 'written' ? undefined : typeof v === 'bigint' ? v.toString() : v));
}

const persistenceText = (s: ResolvedService): string =>
  s.persistence === undefined ? 'none' : `${s.persistence} s${s.persistenceNetmask === undefined ? '' : ` per /${s.persistenceNetmask}`}`;

const sorted = (names: Iterable<string>): string[] => [...new Set(names)].sort(compareText);

/** The hosts whose files carry a service: every director, the real servers of DR and TUN (they hold the VIP), the router when published. */
function serviceHosts(model: ResolvedModel, s: ResolvedService): string[] {
  const hosts = model.directors.map((d) => d.name);
  if (s.forwarding !== 'nat') hosts.push(...s.members.map((m) => m.name));
  if (s.publicAddress && model.router) hosts.push(model.router.name);
  return hosts;
}

/** The director that holds the VIPs: the VRRP leader, or the only director. */
export function masterOf(model: ResolvedModel): string | undefined {
  return model.vrrp?.leader.name ?? model.directors[0]?.name;
}

/** A host as traffic sees it: its interfaces, addresses, MTUs and gateways (not its position in the file). */
const hostShape = (h: Host): string => canonical({ interfaces: h.interfaces, gateway: h.gateway?.text, gateway6: h.gateway6?.text });

/** Every change from `before` to `after`, strongest class first, then by subject. */
export function modelImpacts(before: ResolvedModel, after: ResolvedModel): Impact[] {
  const impacts: Impact[] = [];
  const add = (cls: ImpactClass, subject: string, reason: string, hosts: Iterable<string>): void =>
    void impacts.push({ class: cls, subject, reason, hosts: sorted(hosts) });

  if (before.manager !== after.manager)
    add(
      'disruptive',
      'manager',
      `manager ${before.manager} -> ${after.manager}: the IPVS services change owner and are created again; their connections are reset`,
      [...before.directors, ...after.directors].map((d) => d.name),
    );

  const oldServices = new Map(before.services.map((s) => [s.name, s]));
  const newServices = new Map(after.services.map((s) => [s.name, s]));
  for (const [name, s] of oldServices)
    if (!newServices.has(name))
      add(
        'disruptive',
        `service ${name}`,
        `the virtual service ${serviceIdentity(s)} disappears: the kernel deletes it with its connections`,
        serviceHosts(before, s),
      );
  for (const [name, s] of newServices)
    if (!oldServices.has(name))
      add('reload', `service ${name}`, `new virtual service ${serviceIdentity(s)}: no existing connection is affected`, serviceHosts(after, s));
  for (const [name, next] of newServices) {
    const prev = oldServices.get(name);
    if (prev) serviceImpacts(before, after, prev, next, add);
  }

  vrrpImpacts(before, after, add);
  hostImpacts(before, after, add);
  return impacts.sort((a, b) => impactRank(b.class) - impactRank(a.class) || compareText(a.subject, b.subject) || compareText(a.reason, b.reason));
}

type Add = (cls: ImpactClass, subject: string, reason: string, hosts: Iterable<string>) => void;

function serviceImpacts(before: ResolvedModel, after: ResolvedModel, prev: ResolvedService, next: ResolvedService, add: Add): void {
  const subject = `service ${next.name}`;
  const hosts = [...serviceHosts(before, prev), ...serviceHosts(after, next)];
  const directors = after.directors.map((d) => d.name);
  if (serviceIdentity(prev) !== serviceIdentity(next)) {
    // DR and TUN real servers hold the VIP whatever the port: a new port is the directors' (and router's) change alone.
    const carriers =
      prev.vip.text === next.vip.text ? hosts.filter((h) => !prev.members.some((m) => m.name === h) && !next.members.some((m) => m.name === h)) : hosts;
    add(
      'disruptive',
      subject,
      `${serviceIdentity(prev)} becomes ${serviceIdentity(next)}: a different virtual service; the old one is deleted with its connections`,
      carriers,
    );
    return; // every other difference is part of the new service
  }
  if (prev.forwarding !== next.forwarding) {
    add(
      'disruptive',
      subject,
      `forwarding ${prev.forwarding} -> ${next.forwarding}: every destination is created again; connections through the old method break`,
      hosts,
    );
    return;
  }
  if (prev.tunnel && next.tunnel && (prev.tunnel.type !== next.tunnel.type || prev.tunnel.port !== next.tunnel.port))
    add(
      'disruptive',
      subject,
      `tunnel ${prev.tunnel.type}${prev.tunnel.port ? `:${prev.tunnel.port}` : ''} -> ${next.tunnel.type}${next.tunnel.port ? `:${next.tunnel.port}` : ''}: a real server decapsulates only its own kind, so packets are lost until both ends run the new one`,
      hosts,
    );
  else if (canonical(prev.tunnel) !== canonical(next.tunnel))
    add('reload', subject, 'tunnel checksum or MSS clamping changes: new packets use it, no connection is reset', hosts);
  const oldPublic = publicOf(prev);
  const newPublic = publicOf(next);
  if (oldPublic !== newPublic) {
    const routerHosts = [before.router?.name, after.router?.name].filter((n): n is string => n !== undefined);
    if (oldPublic === undefined) add('reload', subject, `published at ${newPublic}: new clients can reach it, no connection is affected`, routerHosts);
    else
      add(
        'disruptive',
        subject,
        `public address ${oldPublic} ${newPublic === undefined ? 'is no longer published' : `becomes ${newPublic}`}: clients of the old address lose the service`,
        routerHosts,
      );
  }
  if (prev.scheduler !== next.scheduler)
    add('reload', subject, `scheduler ${prev.scheduler} -> ${next.scheduler}: the service is edited in place (ipvsadm -E); connections stay`, directors);
  if (persistenceText(prev) !== persistenceText(next))
    add(
      'reload',
      subject,
      `persistence ${persistenceText(prev)} -> ${persistenceText(next)}: edited in place (ipvsadm -E); connections stay, new ones follow the new affinity`,
      directors,
    );
  if (canonical(prev.healthCheck) !== canonical(next.healthCheck))
    add('reload', subject, 'health check changes: keepalived reloads its checkers; connections stay', directors);
  if (canonical(prev.sorryServer) !== canonical(next.sorryServer))
    add('reload', subject, 'sorry server changes: used only when every real server is down', directors);
  if (after.manager === 'keepalived' && prev.members.length && !next.members.length) {
    // keepalived.conf then has no virtual_server for it (LVS275): the reload deletes the service, nothing drains.
    add(
      'disruptive',
      subject,
      `its last real server leaves: keepalived ignores a virtual server without real servers, so the reload deletes ${serviceIdentity(next)} with its connections instead of draining them`,
      hosts,
    );
    return;
  }
  memberImpacts(prev, next, directors, add);
}

function memberImpacts(prev: ResolvedService, next: ResolvedService, directors: string[], add: Add): void {
  const oldMembers = new Map(prev.members.map((m) => [m.name, m]));
  const newMembers = new Map(next.members.map((m) => [m.name, m]));
  const subject = (m: string): string => `real server ${m} in service ${next.name}`;
  for (const [name, m] of oldMembers)
    if (!newMembers.has(name))
      add('drain', subject(name), `leaves the service: set to weight 0, its connections drained, then removed (${destination(m)})`, [...directors, name]);
  for (const [name, m] of newMembers) {
    const old = oldMembers.get(name);
    if (!old)
      add('reload', subject(name), `joins the service at weight ${m.weight} (${destination(m)}): new connections start reaching it`, [...directors, name]);
    else if (destination(old) !== destination(m))
      add('drain', subject(name), `destination ${destination(old)} -> ${destination(m)}: the old destination is drained and removed, the new one added`, [
        ...directors,
        name,
      ]);
    else if (old.weight !== m.weight)
      add('reload', subject(name), `weight ${old.weight} -> ${m.weight}: edited in place (ipvsadm -e); connections stay`, directors);
  }
}

function vrrpImpacts(before: ResolvedModel, after: ResolvedModel, add: Add): void {
  const directors = sorted([...before.directors, ...after.directors].map((d) => d.name));
  const oldMaster = masterOf(before);
  const newMaster = masterOf(after);
  if (oldMaster !== undefined && newMaster !== undefined && oldMaster !== newMaster) {
    const preempt = after.vrrp?.preempt ? 'at once (preempt)' : 'when the current master restarts or fails (nopreempt: a running master keeps them)';
    add('failover', 'vrrp', `the VIPs move from ${oldMaster} to ${newMaster}, ${preempt}: connections not synchronised to ${newMaster} are reset`, [
      oldMaster,
      newMaster,
    ]);
  }
  const prev = before.vrrp;
  const next = after.vrrp;
  if (!prev || !next) return;
  const identity = (v: NonNullable<ResolvedModel['vrrp']>): string => canonical([v.virtualRouterId, v.interface, v.authPassword, v.unicast, v.family]);
  if (identity(prev) !== identity(next)) {
    const fields = (['virtualRouterId', 'interface', 'authPassword', 'unicast'] as const).filter((k) => prev[k] !== next[k]);
    add(
      'disruptive',
      'vrrp',
      `${fields.join(', ') || 'address family'} changes: while some directors run the old instance and some the new one they do not hear each other, and each side claims the VIPs`,
      directors,
    );
  }
  const priority = (h: Host): number => h.priority ?? DEFAULT_PRIORITY;
  const oldPriorities = new Map(before.directors.map((d) => [d.name, priority(d)]));
  for (const d of after.directors) {
    const old = oldPriorities.get(d.name);
    if (old !== undefined && old !== priority(d) && oldMaster === newMaster)
      add('reload', `director ${d.name}`, `VRRP priority ${old} -> ${priority(d)}: ${newMaster} stays the master, the VIPs stay`, [d.name]);
  }
  const settings = (v: NonNullable<ResolvedModel['vrrp']>): string =>
    canonical([v.advertInterval, v.garp, v.preempt, v.preemptDelay, v.connectionSync, v.gatewayAddress?.text, v.addresses, v.syncGroup?.name]);
  if (settings(prev) !== settings(next))
    add(
      'reload',
      'vrrp',
      'advert, gratuitous ARP, preemption, sync, gateway, floating address or sync group settings change: keepalived reloads, the master stays',
      directors,
    );
  instanceImpacts(before, after, add);
}

/** Changes of the further VRRP instances (`vrrp.instances`), and of the instance that moves a service's VIP. */
function instanceImpacts(before: ResolvedModel, after: ResolvedModel, add: Add): void {
  const directors = sorted([...before.directors, ...after.directors].map((d) => d.name));
  const further = (m: ResolvedModel): Map<string, ResolvedInstance> => new Map((m.vrrp?.all ?? []).slice(1).map((i) => [i.name, i]));
  const prev = further(before);
  const next = further(after);
  const preempt = after.vrrp?.preempt ? 'at once (preempt)' : 'when the current master restarts or fails (nopreempt: a running master keeps them)';
  for (const [name, i] of next)
    if (!prev.has(name)) add('reload', `vrrp instance ${name}`, `new instance: ${i.leader.name} becomes its MASTER and adds its addresses`, directors);
  for (const [name, old] of prev) {
    const i = next.get(name);
    const subject = `vrrp instance ${name}`;
    if (!i) {
      add('reload', subject, `removed: its MASTER ${old.leader.name} releases its addresses`, directors);
      continue;
    }
    if (canonical([old.virtualRouterId, old.interface, old.family]) !== canonical([i.virtualRouterId, i.interface, i.family]))
      add(
        'disruptive',
        subject,
        'virtual router id, interface or address family changes: while some directors run the old instance and some the new one they do not hear each other, and each side claims its addresses',
        directors,
      );
    if (old.leader.name !== i.leader.name)
      add(
        'failover',
        subject,
        `its addresses move from ${old.leader.name} to ${i.leader.name}, ${preempt}: connections not synchronised to ${i.leader.name} are reset`,
        [old.leader.name, i.leader.name],
      );
    else if (canonical([...old.priorities]) !== canonical([...i.priorities]))
      add('reload', subject, `VRRP priorities change: ${i.leader.name} stays its master, the addresses stay`, directors);
    if (canonical([old.addresses, old.syncGroup]) !== canonical([i.addresses, i.syncGroup]))
      add('reload', subject, 'floating addresses or sync group change: keepalived reloads, the master stays', directors);
  }
  // A service that another instance moves now: its VIP goes to that instance's MASTER.
  const holder = (m: ResolvedModel, service: string): ResolvedInstance | undefined => m.vrrp?.all.find((i) => i.services.has(service));
  for (const s of after.services) {
    const old = holder(before, s.name);
    const now = holder(after, s.name);
    if (!old || !now || old.name === now.name) continue;
    if (old.leader.name !== now.leader.name)
      add(
        'failover',
        `service ${s.name}`,
        `VRRP instance ${old.name} -> ${now.name}: the VIP moves from ${old.leader.name} to ${now.leader.name}: connections not synchronised to ${now.leader.name} are reset`,
        [old.leader.name, now.leader.name],
      );
    else add('reload', `service ${s.name}`, `VRRP instance ${old.name} -> ${now.name}: the VIP stays on ${now.leader.name}`, directors);
  }
}

function hostImpacts(before: ResolvedModel, after: ResolvedModel, add: Add): void {
  const hostsOf = (m: ResolvedModel): Map<string, Host> => new Map([...m.directors, ...m.realServers].map((h) => [h.name, h]));
  const oldHosts = hostsOf(before);
  const newHosts = hostsOf(after);
  const oldMaster = masterOf(before);
  for (const [name, h] of newHosts) {
    const old = oldHosts.get(name);
    if (!old)
      add('reload', `${h.role === 'director' ? 'director' : 'real server'} ${name}`, 'new host: nothing sends to it before its configuration is in place', [
        name,
      ]);
    else if (old.role !== h.role) add('disruptive', `host ${name}`, `role ${old.role} -> ${h.role}: its VIPs, IPVS and ARP settings are replaced`, [name]);
    else if (hostShape(old) !== hostShape(h)) add('reload', `host ${name}`, 'interfaces, addresses, MTU or gateway change: networkd reloads them', [name]);
  }
  for (const [name, h] of oldHosts)
    if (!newHosts.has(name))
      add(
        h.role === 'director' && name !== oldMaster ? 'reload' : 'none',
        `${h.role === 'director' ? 'director' : 'real server'} ${name}`,
        h.role === 'director'
          ? name === oldMaster
            ? 'removed: the VIPs leave it (see vrrp)'
            : 'removed: the cluster loses a standby director'
          : 'removed: its teardown.sh runs once nothing sends to it',
        [name],
      );
  if (canonical(before.router) !== canonical(after.router) && before.router && after.router)
    add('reload', `router ${after.router.name}`, 'router interfaces or platform change: its configuration is reloaded', [after.router.name]);
}
