// lvscc plan renders only the hosts whose files can differ (src/change/hosts.ts, from each target's hostInputs):
// the plan equals the one of two full compilations, the hosts it skips have equal files in those, and every
// field a target reads for a host is in the inputs it declares for that host (a mutation of any other field
// changes none of that host's files).
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain JavaScript bench helper without types
import { changedServices, fleetTopology } from '../../bench/generate.js';
import { planChange, topologyInput, topologyInputs, type PlanInput, type TopologySide } from '../../src/change/index.js';
import type { ResolvedModel } from '../../src/model/resolved.js';
import type { HostPlan } from '../../src/plan/host-plan.js';
import { sameView } from '../../src/render/view-memo.js';
import { lint } from '../../src/compile.js';
import { targets } from '../../src/targets/index.js';
import { renderTargets } from '../../src/targets/render.js';
import { scope } from '../../src/targets/scope.js';
import { planFacts, type EmittedFile, type HeaderView, type Target } from '../../src/targets/types.js';
import { modulesLoadTarget } from '../../src/targets/modules-load.js';
import { sysctlTarget } from '../../src/targets/sysctl.js';

const options = (fileName: string) => ({ fileName, sourceName: 'topology.yaml', version: '0.0.0-test', maxBytes: 1 << 26 });
const accepted = (side: TopologySide | undefined): PlanInput & { model: ResolvedModel } => {
  if (!side || !('input' in side)) throw new Error(`does not compile: ${side ? side.failed.diagnostics.map((d) => d.message).join('; ') : 'not compiled'}`);
  return side.input;
};

/** The old topology of each fixtures/plan/ file, by its name's prefix (as test/plan-diff/plan.test.ts pairs them). */
const OLD_OF: Record<string, string> = { 'seed-': 'fixtures/seed-tun.yaml', 'ha-dr-': 'fixtures/ha-dr.yaml', 'aa-': 'fixtures/ha-active-active.yaml' };
const seed = readFileSync('fixtures/seed-tun.yaml', 'utf8');
const ha = readFileSync('fixtures/ha-dr.yaml', 'utf8');
const fixturePairs: [string, string, string, string][] = readdirSync('fixtures/plan')
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => {
    const prefix = Object.keys(OLD_OF).find((p) => f.startsWith(p));
    if (!prefix) throw new Error(`fixtures/plan/${f}: no old topology for its prefix`);
    return [f, OLD_OF[prefix]!, readFileSync(OLD_OF[prefix]!, 'utf8'), readFileSync(`fixtures/plan/${f}`, 'utf8')];
  });
// The inline pairs of the plan tests, and each fixture against itself.
const inlinePairs: [string, string, string][] = [
  ['unpublished public address', seed, seed.replace(/ *publicAddress: .*\n/, '')],
  ['real server address', seed, seed.replace('10.10.24.23/24', '10.10.24.33/24')],
  ['virtual router id', ha, ha.replace('virtualRouterId: 51', 'virtualRouterId: 52')],
  ...readdirSync('fixtures')
    .filter((f) => f.endsWith('.yaml') && lint(readFileSync(`fixtures/${f}`, 'utf8'), { fileName: f }).resolved)
    .sort()
    .map((f): [string, string, string] => [`${f} against itself`, readFileSync(`fixtures/${f}`, 'utf8'), readFileSync(`fixtures/${f}`, 'utf8')]),
];
/** A fixture with errors, which both ways refuse alike. */
const INVALID = 'fixtures/seed-literal.yaml';

/** The plan of two full compilations and the one of `lvscc plan`; the hosts the latter skipped have equal files in the former. */
function compare(oldText: string, newText: string) {
  const fullOld = accepted(topologyInput(oldText, options('old.yaml')));
  const fullNew = accepted(topologyInput(newText, options('new.yaml')));
  const sides = topologyInputs({ input: oldText, options: options('old.yaml') }, { input: newText, options: options('new.yaml') }, false);
  const partOld = accepted(sides.old);
  const partNew = accepted(sides.new);
  const skipped: string[] = [];
  for (const [name, host] of Object.entries(fullNew.bundle.manifest.hosts)) {
    const part = partNew.bundle.manifest.hosts[name]!;
    const oldPart = partOld.bundle.manifest.hosts[name];
    if (part.files.length === 0 && host.files.length > 0) {
      // Skipped: listed with no files on both sides, and its files are the same in both full compilations.
      skipped.push(name);
      expect(oldPart?.files, name).toEqual([]);
      expect(fullOld.bundle.manifest.hosts[name], name).toEqual(host);
      for (const file of host.files) expect(fullOld.bundle.content(file.path), file.path).toBe(fullNew.bundle.content(file.path));
    } else {
      // Rendered: the same files as the full compilation, on both sides.
      expect(part, name).toEqual(host);
      if (oldPart) expect(oldPart, name).toEqual(fullOld.bundle.manifest.hosts[name]);
      for (const file of host.files) expect(partNew.bundle.content(file.path), file.path).toBe(fullNew.bundle.content(file.path));
      for (const file of oldPart?.files ?? []) expect(partOld.bundle.content(file.path), file.path).toBe(fullOld.bundle.content(file.path));
    }
  }
  expect(planChange(partOld, partNew, { diff: true })).toEqual(planChange(fullOld, fullNew, { diff: true }));
  return { skipped, hosts: Object.keys(fullNew.bundle.manifest.hosts).length };
}

describe('lvscc plan renders only the hosts whose files can differ', () => {
  it.each(fixturePairs)('%s against %s: the same plan as two full compilations', (_name, _old, oldText, newText) => {
    compare(oldText, newText);
  });

  it.each(inlinePairs)('%s: the same plan as two full compilations', (_name, oldText, newText) => {
    compare(oldText, newText);
  });

  it('a topology with errors fails with the same diagnostics, on either side', () => {
    const bad = readFileSync(INVALID, 'utf8');
    const full = topologyInput(bad, options('bad.yaml'));
    expect('failed' in full).toBe(true);
    const diagnostics = 'failed' in full ? full.failed.diagnostics : [];
    expect(diagnostics.length).toBeGreaterThan(0);
    const asOld = topologyInputs({ input: bad, options: options('bad.yaml') }, { input: seed, options: options('new.yaml') }, false);
    expect(asOld.old).toEqual(full);
    expect('input' in asOld.new!).toBe(true);
    expect(topologyInputs({ input: bad, options: options('bad.yaml') }, { input: seed, options: options('new.yaml') }, true)).toEqual({ old: full });
    const asNew = topologyInputs({ input: seed, options: options('old.yaml') }, { input: bad, options: options('bad.yaml') }, true);
    expect(asNew.new).toEqual(full);
  });

  it('renders every host when the cluster is renamed: every header changes', () => {
    expect(compare(seed, seed.replace(/^cluster: .*$/m, 'cluster: renamed')).skipped).toEqual([]);
  });

  it('M against M10 (10 services: scheduler and one weight each): the same plan, the real servers skipped', { timeout: 600_000 }, () => {
    const m = fleetTopology({ services: 1000, perService: 10, hosts: 1000 }) as string;
    const { skipped, hosts } = compare(m, changedServices(m, 10) as string);
    expect(hosts).toBe(1002);
    // Only the directors carry the schedulers and weights.
    expect(skipped.length).toBe(1000);
    expect(skipped.every((name) => name.startsWith('rs'))).toBe(true);
  });
});

/** Where a field is, for the report: the path from the model or the plans. */
interface Field {
  path: string;
  get(): unknown;
  set(value: unknown): void;
}

/** Every field of plain data (object properties, array items, Map values) reachable from `roots`, each object once. */
function fieldsOf(roots: Record<string, unknown>): Field[] {
  const fields: Field[] = [];
  const seen = new Set<object>();
  const walk = (value: unknown, path: string): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (value instanceof Map) {
      for (const [key, item] of value) {
        fields.push({ path: `${path}.get(${String(key)})`, get: () => value.get(key) as unknown, set: (v) => value.set(key, v) });
        walk(item, `${path}.get(${String(key)})`);
      }
      return;
    }
    if (value instanceof Set) {
      for (const item of value) walk(item, `${path}{}`);
      return;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      fields.push({ path: `${path}.${key}`, get: () => record[key], set: (v) => (record[key] = v) });
      walk(record[key], `${path}.${key}`);
    }
  };
  for (const [name, root] of Object.entries(roots)) walk(root, name);
  return fields;
}

/** Another value of a field's kind, or undefined for a value that is not a leaf. */
function mutated(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
      return `${value}x`;
    case 'number':
      return value + 1;
    case 'bigint':
      return value + 1n;
    case 'boolean':
      return !value;
    default:
      return undefined;
  }
}

/** The files of `target` by host, or undefined when it refuses the input (a mutation may break a rule render relies on). */
function filesByHost(target: Target, model: ResolvedModel, plans: readonly HostPlan[], header: HeaderView): Map<string, string> | undefined {
  let failed = false;
  const files: EmittedFile[] = renderTargets([target], model, plans, header, () => (failed = true));
  if (failed) return undefined;
  const byHost = new Map<string, string>();
  for (const file of files) byHost.set(file.host, `${byHost.get(file.host) ?? ''}${file.path} ${file.mode} ${JSON.stringify(file.actions)}\n${file.content}\n`);
  return byHost;
}

/**
 * The fields outside `target`'s declared inputs for a host that change that host's files: each leaf of the model and
 * the plans is mutated in turn; where a host's declared inputs stay equal, its files must too.
 */
function undeclaredReads(target: Target, text: string): string[] {
  const linted = lint(text, { fileName: 'test.yaml' });
  if (!linted.resolved) throw new Error(linted.diagnostics.map((d) => d.message).join('; '));
  const { model, plans } = linted.resolved;
  const header = { cluster: model.cluster, source: 'test.yaml' };
  const inputs = () => new Map(plans.map((p) => [p.host.name, structuredClone(target.hostInputs?.(model, p))] as const));
  const before = filesByHost(target, model, plans, header)!;
  const declared = inputs();
  const found: string[] = [];
  // The header is compared by the framework, not by a target's inputs: it is not mutated.
  for (const field of fieldsOf({ model, plans })) {
    const value = field.get();
    const other = mutated(value);
    if (other === undefined) continue;
    field.set(other);
    try {
      const after = filesByHost(target, model, plans, header);
      if (!after) continue;
      const now = inputs();
      // As src/change/hosts.ts: a host the target no longer renders for is rendered, whatever its inputs.
      const inScope = scope(target, model, plans)?.hosts;
      for (const [host, files] of before) {
        const was = declared.get(host);
        if (was === undefined || !inScope?.has(host) || !sameView(was, now.get(host))) continue;
        if (after.get(host) !== files) found.push(`${host}: ${field.path}`);
      }
    } finally {
      field.set(value);
    }
  }
  return found;
}

/** Every fixture without errors. */
const FIXTURES = readdirSync('fixtures')
  .filter((f) => f.endsWith('.yaml') && lint(readFileSync(`fixtures/${f}`, 'utf8'), { fileName: f }).resolved)
  .sort();
const declaring = targets.filter((t) => t.hostInputs);

describe("a target's declared inputs hold everything it reads for a host", () => {
  it('some targets declare them', () => {
    expect(declaring.map((t) => t.id).sort()).toEqual(['modules-load', 'networkd', 'shell', 'sysctl']);
  });

  it.each(declaring.flatMap((t) => FIXTURES.map((f) => [t.id, f, t] as const)))('%s on %s', { timeout: 300_000 }, (_id, fixture, target) => {
    expect(undeclaredReads(target, readFileSync(`fixtures/${fixture}`, 'utf8'))).toEqual([]);
  });

  it('finds a field a target reads but does not declare', { timeout: 300_000 }, () => {
    // The sysctl.d path holds the cluster's name, and a scheduler module's comment names its services.
    const noCluster: Target = { ...sysctlTarget, hostInputs: (_model, plan) => planFacts(plan) };
    expect(undeclaredReads(noCluster, seed)).toContain('rs1: model.cluster');
    const noServices: Target = { ...modulesLoadTarget, hostInputs: (model, plan) => ({ cluster: model.cluster, ...planFacts(plan) }) };
    expect(undeclaredReads(noServices, seed).filter((f) => f.startsWith('lvs: ') && f.endsWith('.name')).length).toBeGreaterThan(0);
  });
});
