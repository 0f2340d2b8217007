// The rollout order of a plan: which hosts go first so that clients stay whole, each step with its reason.
import type { ResolvedModel } from '../model/resolved.js';
import { compareText } from '../util/compare.js';
import type { Impact, PlanHost, RolloutStep } from './document.js';
import { masterOf } from './impacts.js';

/**
 * The steps, skipping empty ones: real servers that serve on (new ones included) before the directors that
 * send to them; the backup directors, then the master (which serves until the backups run the new
 * configuration, so the VIPs move at most once); the router, which maps public addresses onto VIPs the
 * directors now serve; then the real servers that leave a service, once the directors have drained them;
 * last the hosts that leave the cluster.
 *
 * @param hosts - the plan's hosts with changes
 * @param impacts - the plan's impacts (a `drain` names the director hosts and the real server it drains)
 * @param master - the director that holds the VIPs now (old model), or undefined when unknown
 */
export function rolloutOrder(hosts: readonly PlanHost[], impacts: readonly Impact[], master: string | undefined, after: ResolvedModel): RolloutStep[] {
  const realServers = new Set(after.realServers.map((h) => h.name));
  const draining = new Set<string>();
  for (const impact of impacts) if (impact.class === 'drain') for (const h of impact.hosts) if (realServers.has(h)) draining.add(h);
  const staying = hosts.filter((h) => h.status !== 'removed');
  const names = (list: readonly PlanHost[]): string[] => list.map((h) => h.name).sort(compareText);
  const steps: Omit<RolloutStep, 'step'>[] = [];
  const push = (list: readonly PlanHost[], action: string, reason: string): void => {
    if (list.length) steps.push({ hosts: names(list), action, reason });
  };
  const joining = staying.filter((h) => h.role === 'real-server' && !draining.has(h.name));
  push(
    joining,
    'install and apply the real servers (VIP, ARP and tunnel settings)',
    'before the directors: a director must never send to a real server that does not yet accept the VIP',
  );
  const directors = staying.filter((h) => h.role === 'director');
  const drains = [...draining].sort(compareText);
  const drainNote = drains.length ? `; apply.sh drains ${drains.join(', ')} (weight 0, removed once its connections end)` : '';
  const newMaster = masterOf(after);
  const current = master ?? newMaster;
  const backups = directors.filter((h) => h.name !== current);
  const masters = directors.filter((h) => h.name === current);
  if (after.directors.length + (master !== undefined && !after.directors.some((d) => d.name === master) ? 1 : 0) < 2)
    push(directors, 'install and apply the director', `after the real servers it sends to are ready${drainNote}`);
  else {
    push(backups, 'install and apply the backup directors', `the master ${current} keeps serving while a standby takes the change first${drainNote}`);
    push(
      masters,
      'install and apply the master director',
      current !== newMaster
        ? `last among the directors: ${newMaster} already runs the new configuration when the VIPs move to it${drainNote}`
        : `last among the directors: a standby that has to take over already runs the new configuration${drainNote}`,
    );
  }
  push(
    staying.filter((h) => h.role === 'router'),
    'install and reload the router',
    'after the directors: it maps public addresses onto VIPs that are now served',
  );
  push(
    staying.filter((h) => h.role === 'real-server' && draining.has(h.name)),
    'install and apply the real servers that leave a service',
    'after the directors drained them: a real server keeps its VIP until its connections have ended (check `ipvsadm -Ln` on the directors)',
  );
  push(
    hosts.filter((h) => h.status === 'removed'),
    'run teardown.sh and retire the hosts',
    'last: nothing sends to them any more',
  );
  return steps.map((s, i) => ({ step: i + 1, ...s }));
}
