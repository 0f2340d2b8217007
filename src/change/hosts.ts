// The hosts of two topologies whose files can differ, from what the targets declare they read (Target.hostInputs):
// `lvscc plan` renders only these, on both sides; every other host has the same files on both (rendering is deterministic).
import type { ResolvedModel } from '../model/resolved.js';
import type { HostPlan } from '../plan/host-plan.js';
import { sameView } from '../render/view-memo.js';
import { scope } from '../targets/scope.js';
import type { HeaderView, Target } from '../targets/types.js';

/** One linted topology, as the targets see it. */
export interface RenderInput {
  model: ResolvedModel;
  plans: readonly HostPlan[];
  header: HeaderView;
}

/**
 * The names of the hosts to render: a host of one side only, a host without a plan (a router that is not Linux),
 * and a host for which some target renders on one side and not the other, or whose inputs that target does not
 * declare, or declares differently on the two sides ({@link sameView}). Every host when the headers differ (every
 * file carries it).
 */
export function hostsThatMayDiffer(targets: readonly Target[], before: RenderInput, after: RenderInput): Set<string> {
  const oldScopes = targets.map((t) => scope(t, before.model, before.plans)?.hosts);
  const newScopes = targets.map((t) => scope(t, after.model, after.plans)?.hosts);
  const hosts = (input: RenderInput, scopes: (Set<string> | undefined)[]) =>
    new Set([...input.plans.map((p) => p.host.name), ...scopes.flatMap((s) => [...(s ?? [])])]);
  const oldHosts = hosts(before, oldScopes);
  const newHosts = hosts(after, newScopes);
  if (!sameView(before.header, after.header)) return new Set([...oldHosts, ...newHosts]);
  const render = new Set([...oldHosts].filter((name) => !newHosts.has(name)));
  const oldPlans = new Map(before.plans.map((p) => [p.host.name, p]));
  const newPlans = new Map(after.plans.map((p) => [p.host.name, p]));
  for (const name of newHosts) {
    const old = oldPlans.get(name);
    const plan = newPlans.get(name);
    if (!oldHosts.has(name) || !old || !plan) {
      render.add(name);
      continue;
    }
    const differs = targets.some((target, i) => {
      const inOld = oldScopes[i]?.has(name) ?? false;
      if (inOld !== (newScopes[i]?.has(name) ?? false)) return true;
      if (!inOld) return false;
      const oldInputs = target.hostInputs?.(before.model, old);
      const newInputs = target.hostInputs?.(after.model, plan);
      return oldInputs === undefined || newInputs === undefined || !sameView(oldInputs, newInputs);
    });
    if (differs) render.add(name);
  }
  return render;
}
