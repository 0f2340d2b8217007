// `lvscc plan` as a library: two bundles (and, for topologies, their resolved models) in, the plan out:
// per host the files added, changed and removed and the actions to run, the impact of each change, the rollout.
import { createTwoFilesPatch } from 'diff';
import type { ManifestFile, ManifestHost } from '../bundle/manifest.js';
import type { ResolvedModel } from '../model/resolved.js';
import { compareText } from '../util/compare.js';
import { hostActions } from './actions.js';
import { compile, headerOf, lint, renderLinted, type CompileOptions, type CompileResult } from '../compile.js';
import { withRenderMemo } from '../render/handlebars.js';
import { RenderMemo } from '../render/view-memo.js';
import { targets } from '../targets/index.js';
import { hostsThatMayDiffer } from './hosts.js';
import { compiledSide, type BundleSide } from './bundle-side.js';
import type { ChangePlan, Impact, PlanFile, PlanHost } from './document.js';
import { masterOf, modelImpacts, stronger } from './impacts.js';
import { rolloutOrder } from './rollout.js';

export { IMPACT_CLASSES, publishedPlanSchema, type ChangePlan, type ImpactClass } from './document.js';

/** One side of a plan. */
export interface PlanInput {
  kind: 'topology' | 'bundle';
  /** The path given on the command line. */
  name: string;
  bundle: BundleSide;
  /** The resolved model, for a topology (a bundle keeps its topology only as a hash). */
  model?: ResolvedModel;
}

/**
 * A topology as a side of a plan: compiled with `options` (give both sides the same `sourceName`: it is in
 * every file's header), or the compile result when it has errors.
 */
export function topologyInput(input: string | Uint8Array, options: CompileOptions & { fileName: string }): TopologySide {
  return planSide(compile(input, options), options.fileName);
}

/** A side of a plan, or the compile result when its topology has errors. */
export type TopologySide = { input: PlanInput & { model: ResolvedModel } } | { failed: CompileResult };

/** A topology to compile as a side of a plan. */
export interface TopologySource {
  input: string | Uint8Array;
  options: CompileOptions & { fileName: string };
}

/**
 * Both topologies as the sides of a plan, as {@link topologyInput} makes each, but rendering only the hosts whose
 * files can differ ({@link hostsThatMayDiffer}; the others are listed with no files on both sides, which the plan
 * counts as unchanged), the new side reusing the old side's renderings of equal views ({@link RenderMemo}).
 * `stopOnOldErrors`: when the old topology has errors, the new one is not compiled.
 */
export function topologyInputs(before: TopologySource, after: TopologySource, stopOnOldErrors: boolean): { old: TopologySide; new?: TopologySide } {
  const oldLinted = lint(before.input, before.options);
  if (!oldLinted.resolved && stopOnOldErrors) return { old: { failed: renderLinted(oldLinted, before.input, before.options) } };
  const newLinted = lint(after.input, after.options);
  const oldResolved = oldLinted.resolved;
  const newResolved = newLinted.resolved;
  const only =
    oldResolved && newResolved
      ? hostsThatMayDiffer(
          targets,
          { ...oldResolved, header: headerOf(oldResolved.model, before.options) },
          { ...newResolved, header: headerOf(newResolved.model, after.options) },
        )
      : undefined;
  const memo = new RenderMemo();
  return withRenderMemo(memo, () => {
    const old = planSide(renderLinted(oldLinted, before.input, before.options, only), before.options.fileName);
    memo.replay();
    return { old, new: planSide(renderLinted(newLinted, after.input, after.options, only), after.options.fileName) };
  });
}

/** A compile result as a side of a plan. */
function planSide(result: CompileResult, fileName: string): TopologySide {
  if (!result.manifest || !result.resolved) return { failed: result };
  return { input: { kind: 'topology', name: fileName, bundle: compiledSide(result.manifest, result.files), model: result.resolved.model } };
}

/** The assumptions every plan's classes rest on (docs/plan.md explains them). */
const ASSUMPTIONS = [
  "classes assume the directors' apply.sh edits IPVS services in place (ipvsadm -E, -e) and drains a removed real server before deleting it",
  'a VRRP failover keeps the connections the sync daemon copied to the new master; the others are reset',
];

/** The plan from `before` to `after`; `diff` adds each changed file's unified diff. */
export function planChange(before: PlanInput, after: PlanInput & { model: ResolvedModel }, options: { diff?: boolean } = {}): ChangePlan {
  const oldHosts = before.bundle.manifest.hosts;
  const newHosts = after.bundle.manifest.hosts;
  const hosts: PlanHost[] = [];
  const summary = { hostsAdded: 0, hostsChanged: 0, hostsRemoved: 0, hostsUnchanged: 0, filesAdded: 0, filesChanged: 0, filesRemoved: 0 };
  for (const name of [...new Set([...Object.keys(oldHosts), ...Object.keys(newHosts)])].sort(compareText)) {
    const prev = oldHosts[name];
    const next = newHosts[name];
    const files = fileChanges(prev, next, before.bundle, after.bundle, options.diff ?? false);
    if (!files.length && prev && next) {
      summary.hostsUnchanged++;
      continue;
    }
    for (const f of files) summary[f.change === 'added' ? 'filesAdded' : f.change === 'changed' ? 'filesChanged' : 'filesRemoved']++;
    const status = !prev ? 'added' : !next ? 'removed' : 'changed';
    summary[status === 'added' ? 'hostsAdded' : status === 'removed' ? 'hostsRemoved' : 'hostsChanged']++;
    const touched = new Set(files.map((f) => f.path));
    const actions = hostActions(
      prev && { host: prev, reloadOrder: before.bundle.manifest.reloadOrder },
      next && { host: next, reloadOrder: after.bundle.manifest.reloadOrder },
      touched,
    );
    hosts.push({ name, role: (next ?? prev)!.role, status, files, actions });
  }
  const notes = [...ASSUMPTIONS];
  let impacts: Impact[] = [];
  if (before.model) {
    impacts = modelImpacts(before.model, after.model);
    // A host whose files change while no change of the model reaches it: comments, headers or lvscc's own rendering.
    const named = new Set(impacts.flatMap((i) => i.hosts));
    const quiet = hosts.filter((h) => !named.has(h.name)).map((h) => h.name);
    if (quiet.length)
      impacts.push({
        class: 'none',
        subject: 'files only',
        reason: 'files change but the traffic model does not (comments, headers or rendering)',
        hosts: quiet,
      });
  } else
    notes.push(
      `${before.name} is a bundle: it records its topology only by name and sha256, so no change is classified; plan the old topology file against the new one for impact classes`,
    );
  const master = before.model ? masterOf(before.model) : undefined;
  if (!before.model && after.model.vrrp) notes.push(`the rollout takes ${masterOf(after.model)} (the new topology's highest priority) to be the master now`);
  const changes = hosts.length > 0;
  return {
    planFormat: 1,
    old: { kind: before.kind, name: before.name, cluster: before.bundle.manifest.cluster },
    new: { kind: after.kind, name: after.name, cluster: after.bundle.manifest.cluster },
    changes,
    impact: impacts.reduce((top, i) => stronger(top, i.class), 'none' as ChangePlan['impact']),
    impactsKnown: before.model !== undefined,
    summary,
    hosts,
    impacts,
    rollout: rolloutOrder(hosts, impacts, master, after.model),
    notes,
  };
}

/** The files of one host that are added, changed (bytes or mode) or removed, sorted by path. */
function fileChanges(prev: ManifestHost | undefined, next: ManifestHost | undefined, before: BundleSide, after: BundleSide, withDiff: boolean): PlanFile[] {
  const oldFiles = new Map((prev?.files ?? []).map((f) => [f.path, f]));
  const newFiles = new Map((next?.files ?? []).map((f) => [f.path, f]));
  const changes: PlanFile[] = [];
  const entry = (file: ManifestFile, change: PlanFile['change'], diff: string | undefined): PlanFile => ({
    path: file.path,
    change,
    target: file.target,
    ...(file.installPath !== undefined && { installPath: file.installPath }),
    ...(diff !== undefined && { diff }),
  });
  const patch = (path: string, oldText: string, newText: string): string | undefined =>
    withDiff ? createTwoFilesPatch(`a/${path}`, `b/${path}`, oldText, newText, undefined, undefined, { context: 3 }).replace(/^=+\n/m, '') : undefined;
  for (const [path, file] of newFiles) {
    const old = oldFiles.get(path);
    if (!old) changes.push(entry(file, 'added', withDiff ? patch(path, '', after.content(path) ?? '') : undefined));
    else if (old.sha256 !== file.sha256 || old.mode !== file.mode)
      changes.push(
        entry(
          file,
          'changed',
          old.sha256 === file.sha256
            ? modeNote(old, file, withDiff)
            : withDiff
              ? patch(path, before.content(path) ?? '', after.content(path) ?? '')
              : undefined,
        ),
      );
  }
  for (const [path, file] of oldFiles)
    if (!newFiles.has(path)) changes.push(entry(file, 'removed', withDiff ? patch(path, before.content(path) ?? '', '') : undefined));
  return changes.sort((a, b) => compareText(a.path, b.path));
}

const modeNote = (old: ManifestFile, file: ManifestFile, withDiff: boolean): string | undefined =>
  withDiff ? `mode ${old.mode} -> ${file.mode}\n` : undefined;
