// Test helpers: lint inline YAML and pick diagnostics by code.
import { basename } from 'node:path';
import { lint } from '../src/compile.js';
import type { Diagnostic } from '../src/diagnostics/types.js';
import type { Finding } from '../src/lint/types.js';
import { resolveModel, type ResolvedModel } from '../src/model/resolved.js';
import { planHosts, type HostPlan } from '../src/plan/host-plan.js';
import { contextFor } from '../src/targets/render.js';
import { targetLimits } from '../src/targets/scope.js';
import type { EmittedFile, Target, TargetContext } from '../src/targets/types.js';

/** Lints YAML text (leading newline and common indentation removed, so line 1 is the first YAML line). */
export function lintYaml(text: string): Diagnostic[] {
  return lint(dedent(text), { fileName: 'test.yaml' }).diagnostics;
}

export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

/** The diagnostics with one code, as `{ code, severity, line }` triples plus the message. */
export function findings(diagnostics: Diagnostic[], code: string): { code: string; severity: string; line: number | undefined; message: string }[] {
  return diagnostics.filter((d) => d.code === code).map((d) => ({ code: d.code, severity: d.severity, line: d.span?.line, message: d.message }));
}

/** The resolved model and plans of a topology that lints without errors (throws otherwise, naming the diagnostics). */
export function resolvedOf(text: string, fileName = 'test.yaml'): { model: ResolvedModel; plans: HostPlan[] } {
  const linted = lint(text, { fileName });
  if (!linted.resolved) throw new Error(`topology does not lint clean: ${linted.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  return linted.resolved;
}

/** The context the framework hands `target` for a topology (throws when the target renders for no host). */
export function targetContextOf(target: Target, text: string, fileName = 'test.yaml'): TargetContext {
  const { model, plans } = resolvedOf(text, fileName);
  const scoped = contextFor(target, model, plans, { cluster: model.cluster, source: basename(fileName) });
  if (!scoped) throw new Error(`target ${target.id} renders for no host of this topology`);
  return scoped.context;
}

/** Renders one target over a topology as the framework does (errors thrown by the target propagate). */
export function renderTarget(target: Target, text: string, fileName = 'test.yaml'): EmittedFile[] {
  return target.render(targetContextOf(target, text, fileName));
}

/** One target's platform limits over a topology whose lint rules find no errors. */
export function limitsOf(target: Target, text: string, fileName = 'test.yaml'): Finding[] {
  const linted = lint(text, { fileName });
  if (!linted.model) throw new Error('topology does not build a model');
  const narrowed = resolveModel(linted.model);
  if ('problems' in narrowed) throw new Error(narrowed.problems.map((p) => p.message).join('; '));
  return targetLimits(target, narrowed.model, planHosts(narrowed.model));
}

/** The framework's context for `target` over a resolved model (which a test may have changed by hand). */
export function contextWith(target: Target, model: ResolvedModel, source = 'test.yaml'): TargetContext {
  const scoped = contextFor(target, model, planHosts(model), { cluster: model.cluster, source });
  if (!scoped) throw new Error(`target ${target.id} renders for no host of this topology`);
  return scoped.context;
}
