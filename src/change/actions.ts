// The one consumer of the manifest's actions: what to run on a host once its files are installed, in the
// manifest's order. Written against src/bundle/manifest.ts (ManifestHost.actions, apply and teardown); a change
// of the manifest's action data is a change of this module alone.
import type { Manifest, ManifestAction, ManifestHost } from '../bundle/manifest.js';
import { shellQuote } from '../util/shell.js';
import type { PlanAction } from './document.js';

/** A host of one side of the plan: its manifest entry and the reload order of that manifest. */
export interface HostSide {
  host: ManifestHost;
  reloadOrder: Manifest['reloadOrder'];
}

/**
 * The actions of one host, in order: on a new host its apply.sh (the first install), on a removed one its
 * teardown.sh; otherwise apply.sh when it changed; then the manifest's actions that the added, changed or
 * removed files need, each once, in the manifest's order (a removed file's actions come from the old manifest).
 */
export function hostActions(before: HostSide | undefined, after: HostSide | undefined, touched: ReadonlySet<string>): PlanAction[] {
  if (!after) {
    const teardown = before?.host.teardown;
    return teardown ? [{ kind: 'teardown', command: teardown, reason: 'the host leaves the cluster: undo what apply.sh did, restore what it replaced' }] : [];
  }
  const actions: PlanAction[] = [];
  const apply = after.host.apply;
  if (!before && apply)
    actions.push({ kind: 'first-install', command: apply, reason: 'a new host: configure it at run time (modules, sysctls, links, addresses, IPVS)' });
  else if (apply && touched.has(apply))
    actions.push({
      kind: 'run',
      command: apply,
      reason:
        after.host.role === 'director'
          ? 'its run-time steps change: it edits what differs in place and drains removed real servers'
          : 'its run-time steps change: it adds what is new and reverts what is no longer wanted',
    });
  // The new manifest's actions are in the order they must run; a file that is gone keeps its actions from the
  // old manifest (a unit removed still needs its daemon-reload), after the new ones.
  const installed = new Map(after.host.files.flatMap((f) => (f.installPath === undefined ? [] : [[f.installPath, f.path] as const])));
  const previous = new Set((before?.host.files ?? []).map((f) => f.path));
  const removed = new Map(
    (before?.host.files ?? []).flatMap((f) => (f.installPath === undefined || installed.has(f.installPath) ? [] : [[f.installPath, f.path] as const])),
  );
  const needed = (action: ManifestAction, paths: ReadonlyMap<string, string>): boolean =>
    action.files.some((file) => {
      const path = paths.get(file);
      if (path === undefined || !touched.has(path)) return false;
      return action.on === 'change' || !previous.has(path);
    });
  const seen = new Set<string>();
  const reloads: PlanAction[] = [];
  const push = (action: ManifestAction, reason: string): void => {
    const command = action.run.map(shellQuote).join(' ');
    if (seen.has(command)) return;
    seen.add(command);
    reloads.push({ kind: action.on === 'install' ? 'install' : 'reload', command, target: action.target, reason });
  };
  for (const action of after.host.actions) {
    if (needed(action, installed))
      push(action, action.on === 'install' ? `first install of ${action.target} files` : `picks up the ${action.target} files that change`);
  }
  for (const action of before?.host.actions ?? []) {
    // A command that reads a removed file itself (`sysctl -p FILE`) has nothing to read any more.
    const reads = action.files.some((file) => removed.has(file) && action.run.includes(file));
    if (action.on === 'change' && !reads && needed(action, removed)) push(action, `the ${action.target} files that are removed`);
  }
  // The removed files' actions take their target's place in the reload order (a stable sort keeps each target's own order).
  const order = new Map(after.reloadOrder.map((target, i) => [target, i]));
  const rank = (action: PlanAction): number => order.get(action.target ?? '') ?? order.size;
  actions.push(...reloads.sort((a, b) => rank(a) - rank(b)));
  return actions;
}
