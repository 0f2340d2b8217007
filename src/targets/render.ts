// The target framework's render step: runs each target over the plans of the hosts it declares, checks
// every view it renders for the target's syntax, and refuses files for hosts it does not declare.
import type { ResolvedModel } from '../model/resolved.js';
import type { HostPlan } from '../plan/host-plan.js';
import { renderTemplate } from '../render/handlebars.js';
import { assertSafeView, type SafeViewKeys } from '../util/escape.js';
import { scope } from './scope.js';
import type { EmittedFile, HeaderView, Target, TargetContext } from './types.js';

/** The view safety of a target that declares none. */
const DEFAULT_SAFETY: SafeViewKeys = {};

/** The context the framework hands a target, and the hosts it may emit files for; undefined when it renders for no host. */
export function contextFor(
  target: Target,
  model: ResolvedModel,
  plans: readonly HostPlan[],
  header: HeaderView,
): { context: TargetContext; hosts: Set<string> } | undefined {
  const scoped = scope(target, model, plans);
  if (!scoped) return undefined;
  const keys = target.viewSafety ?? DEFAULT_SAFETY;
  const context: TargetContext = {
    model,
    plans: scoped.plans,
    header,
    // The same rules object for every view of the target, so that a render memo may skip re-checking an equal view.
    render: (template, view, what) => renderTemplate(template, view, { rules: keys, run: () => assertSafeView(view, what, keys) }),
  };
  return { context, hosts: scoped.hosts };
}

/** Runs every target that renders for some host; a target that throws or strays off its hosts is an internal error, reported by `fail`. */
export function renderTargets(
  targets: readonly Target[],
  model: ResolvedModel,
  plans: readonly HostPlan[],
  header: HeaderView,
  fail: (target: Target, message: string) => void,
): EmittedFile[] {
  const files: EmittedFile[] = [];
  for (const target of targets) {
    const scoped = contextFor(target, model, plans, header);
    if (!scoped) continue;
    try {
      for (const file of target.render(scoped.context)) {
        if (file.target !== target.id || !scoped.hosts.has(file.host))
          fail(target, `target ${target.id} emitted ${file.path} for ${file.host} as ${file.target}`);
        else files.push(file);
      }
    } catch (error) {
      fail(target, error instanceof Error ? error.message : String(error));
    }
  }
  return files;
}
