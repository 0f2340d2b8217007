// What the target framework derives from the targets' declarations: the hosts each target renders for
// (and their plans), the platform limits that lint runs, and the manifest's reload order. Loads no
// renderer, so that lint can run the limits.
import type { Finding } from '../lint/types.js';
import type { ResolvedModel } from '../model/resolved.js';
import type { Role } from '../model/types.js';
import type { HostPlan } from '../plan/host-plan.js';
import type { LimitContext, Target } from './types.js';

/** The roles and router platform a target renders for, as a test on one host. */
function accepts(target: Target, role: Role, model: ResolvedModel): boolean {
  if (!target.appliesTo.roles.includes(role)) return false;
  if (role !== 'router') return true;
  const platforms = target.appliesTo.routerPlatforms;
  return !platforms || (model.router !== undefined && platforms.includes(model.router.platform));
}

/** The hosts a target renders for, by name, and their plans; undefined when it renders for none. */
export function scope(target: Target, model: ResolvedModel, plans: readonly HostPlan[]): { hosts: Set<string>; plans: HostPlan[] } | undefined {
  const hosts = new Set<string>();
  for (const director of model.directors) if (accepts(target, 'director', model)) hosts.add(director.name);
  for (const realServer of model.realServers) if (accepts(target, 'real-server', model)) hosts.add(realServer.name);
  if (model.router && accepts(target, 'router', model)) hosts.add(model.router.name);
  if (!hosts.size) return undefined;
  return { hosts, plans: plans.filter((p) => hosts.has(p.host.name)) };
}

/** A target's platform limits over the hosts it renders for (none when it has no limits or no host). */
export function targetLimits(target: Target, model: ResolvedModel, plans: readonly HostPlan[]): Finding[] {
  if (!target.limits) return [];
  const scoped = scope(target, model, plans);
  if (!scoped) return [];
  const context: LimitContext = { model, plans: scoped.plans };
  return target.limits(context);
}

/** Target ids in the order their files' reload commands run on a host. */
export function reloadOrder(targets: readonly Target[]): string[] {
  return targets
    .filter((t): t is Target & { reloadPhase: number } => t.reloadPhase !== undefined)
    .sort((a, b) => a.reloadPhase - b.reloadPhase)
    .map((t) => t.id);
}
