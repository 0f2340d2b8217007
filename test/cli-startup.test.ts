// What each command loads: `lint` none of the back end (targets, templates, bundle writer), and no
// command the ajv compiler or ts-morph, since start-up time is most of what a small run costs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'lvscc-startup-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Paths (relative to the repository) of every ES and CommonJS module that `lvscc args` loads, from Node's own debug log. */
function modulesLoadedBy(args: string[]): string[] {
  const run = spawnSync(process.execPath, [join(root, 'bin/run.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_DEBUG: 'esm,module', NO_COLOR: '1' },
  });
  const paths = new Set<string>();
  for (const match of run.stderr.matchAll(/(?:Storing file:\/\/|load ")([^\s"]+)/g)) {
    const path = decodeURIComponent(match[1]!);
    if (path.startsWith(root)) paths.add(path.slice(root.length));
  }
  return [...paths].sort();
}

/** True when dist/render/templates.cjs holds exactly the templates now in templates/ (else the compiler loads, by design). */
function precompiledTemplatesCurrent(): boolean {
  try {
    const built = createRequire(import.meta.url)(join(root, 'dist/render/templates.cjs')) as Record<string, { source: string }>;
    const names = (readdirSync(join(root, 'templates'), { recursive: true }) as string[]).filter((n) => n.endsWith('.hbs'));
    return names.length === Object.keys(built).length && names.every((n) => built[n]?.source === readFileSync(join(root, 'templates', n), 'utf8'));
  } catch {
    return false;
  }
}

describe('modules loaded by the built CLI', () => {
  it.each([
    ['lint fixtures/seed-tun.yaml', 'dist/cli/lint-file.js'],
    ['lint fixtures/seed-tun.yaml --max-bytes 100000', 'dist/commands/lint.js'],
  ])("%s loads no renderer, template, bundle writer, Handlebars or ajv (only the targets' declarations, for their limits)", (command, entry) => {
    const loaded = modulesLoadedBy(command.split(' '));
    // The log format is Node's; if it changes, this list is empty and the test must say so.
    expect(loaded).toContain(entry);
    expect(loaded).toContain('dist/schema/topology-validator.cjs');
    expect(loaded).toContain('dist/targets/scope.js');
    const unwanted = loaded.filter((p) =>
      /^dist\/(render|bundle)\/|^dist\/targets\/render\.js$|^dist\/compile\.js$|node_modules\/(handlebars|ajv|ts-morph)\//.test(p),
    );
    expect(unwanted).toEqual([]);
  });

  it.each([['lint fixtures/seed-tun.yaml --strict'], ['lint - --format json']])('%s loads no oclif module (bin/run.js fast path)', (command) => {
    const loaded = modulesLoadedBy(command.split(' '));
    expect(loaded).toContain('dist/front-end.js');
    expect(loaded.filter((p) => p.includes('node_modules/@oclif/') || p.startsWith('dist/commands/'))).toEqual([]);
  });

  it('build loads neither the ajv compiler nor ts-morph, nor the Handlebars compiler when the templates are built', () => {
    const loaded = modulesLoadedBy(['build', 'fixtures/seed-tun.yaml', '-o', join(temp, 'out')]);
    expect(loaded).toContain('dist/commands/build.js');
    expect(loaded.filter((p) => /node_modules\/(ajv|ts-morph)\//.test(p))).toEqual([]);
    if (precompiledTemplatesCurrent()) expect(loaded.filter((p) => /node_modules\/handlebars\/dist\/cjs\/handlebars\/compiler\//.test(p))).toEqual([]);
  });

  it('a rebuild of an unchanged input loads no parser, target or template: it only checks the bundle', () => {
    const out = join(temp, 'rebuilt');
    modulesLoadedBy(['build', 'fixtures/seed-tun.yaml', '-o', out]);
    const loaded = modulesLoadedBy(['build', 'fixtures/seed-tun.yaml', '-o', out]);
    expect(loaded).toContain('dist/bundle/build-cache.js');
    expect(loaded.filter((p) => /^dist\/(targets\/(?!types)|render|plan|lint|source\/load)|node_modules\/(yaml|handlebars)\//.test(p))).toEqual([]);
  });

  it('--version prints the line oclif prints, without loading oclif', () => {
    const fast = spawnSync(process.execPath, [join(root, 'bin/run.js'), '--version'], { cwd: root, encoding: 'utf8' });
    const script = `import('@oclif/core/execute').then((m) => m.execute({ dir: ${JSON.stringify(pathToFileURL(join(root, 'bin/run.js')).href)}, args: ['--version'] }))`;
    const oclif = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(oclif.stdout).toMatch(/^lvscc\/\S+ \S+ node-v\S+\n$/);
    expect(fast.stdout).toBe(oclif.stdout);
    expect(modulesLoadedBy(['--version']).filter((p) => p.includes('node_modules/@oclif/'))).toEqual([]);
  });

  it('--version loads no command', () => {
    const loaded = modulesLoadedBy(['--version']);
    expect(loaded).toContain('bin/run.js');
    expect(loaded.filter((p) => p.startsWith('dist/'))).toEqual([]);
  });
});
