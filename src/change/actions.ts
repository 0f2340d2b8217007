// The one consumer of the manifest's reload data: what to run on a host once its files are installed, in
// the manifest's reloadOrder. Written against src/bundle/manifest.ts (ManifestFile.reload, ManifestHost.apply
// and teardown); a change of the manifest's reload data is a change of this module alone.
import type { Manifest, ManifestFile, ManifestHost } from '../bundle/manifest.js';
import { compareText } from '../util/compare.js';
import type { PlanAction } from './document.js';

/** A host of one side of the plan: its manifest entry and the reload order of that manifest. */
export interface HostSide {
  host: ManifestHost;
  reloadOrder: Manifest['reloadOrder'];
}

/** The command that makes the host pick up a file, as the manifest states it (undefined: none needed). */
const reloadCommand = (file: ManifestFile): string | undefined => file.reload;

/**
 * The actions of one host, in order: on a new host its apply.sh (the first install), on a removed one its
 * teardown.sh; otherwise apply.sh when it changed; then the reload commands of the files added, changed
 * or removed, each once, in the manifest's reloadOrder (a removed file's command comes from the old manifest).
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
  const order = new Map(after.reloadOrder.map((target, i) => [target, i]));
  const reloads = new Map<string, string>();
  const current = new Set(after.host.files.map((f) => f.path));
  const files = [...after.host.files, ...(before?.host.files ?? []).filter((f) => !current.has(f.path))];
  for (const file of files) {
    const command = reloadCommand(file);
    // A removed file's command that reads the file itself (`sysctl -p FILE`) has nothing to read any more.
    const readsRemoved = !current.has(file.path) && file.installPath !== undefined && command?.includes(file.installPath);
    if (command !== undefined && touched.has(file.path) && !readsRemoved && !reloads.has(command)) reloads.set(command, file.target);
  }
  const rank = (target: string): number => order.get(target) ?? order.size;
  const sortedReloads = [...reloads].sort(([ca, ta], [cb, tb]) => rank(ta) - rank(tb) || compareText(ca, cb));
  for (const [command, target] of sortedReloads) actions.push({ kind: 'reload', command, target, reason: `picks up the ${target} files that change` });
  return actions;
}
