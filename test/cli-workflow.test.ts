// The CLI where SREs already work: help and unknown commands, init's starters and schema, LVS110, build's JSON
// document and progress line (the built CLI, run as a user runs it; `npm test` builds first).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Progress } from '../src/cli/progress.js';
import { INIT_TEMPLATES, schemaReference } from '../src/commands/init.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'lvscc-workflow-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Runs the built lvscc without a TTY (stdin, stdout and stderr are pipes), as CI does. */
function lvscc(args: string[], cwd = root): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(root, 'bin/run.js'), ...args], {
    cwd,
    encoding: 'utf8',
    input: '',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  expect(run.stderr + run.stdout, `stack trace from lvscc ${args.join(' ')}`).not.toContain('    at ');
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe.concurrent('help and unknown commands', () => {
  it('lvscc help and lvscc help COMMAND print the help', () => {
    const all = lvscc(['help']);
    expect(all.status).toBe(0);
    for (const command of ['build', 'lint', 'init', 'completion']) expect(all.stdout).toContain(command);
    const lint = lvscc(['help', 'lint']);
    expect(lint.status).toBe(0);
    expect(lint.stdout).toContain('Check a topology file for errors and conflicts.');
    expect(lint.stdout).toBe(lvscc(['lint', '--help']).stdout);
  });

  it.each([
    [['buidl', 'x.yaml'], 'build'],
    [['lnt'], 'lint'],
    [['explian', 'LVS201'], 'explain'],
  ])('%j names the closest command and exits 2 without asking', (args, suggestion) => {
    const run = lvscc(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`"${args[0]}" is not an lvscc command; did you mean "lvscc ${suggestion}"?`);
    expect(run.stdout).toBe('');
  });

  it('an unknown command with nothing close (and a path after it) says so, exit 2', () => {
    const run = lvscc(['frobnicate', 'dr/dr.yaml']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('"frobnicate" is not an lvscc command; run "lvscc help" for the list');
    expect(run.stderr).not.toContain('dr.yaml');
  });
});

describe.concurrent('lvscc init', () => {
  it.each(INIT_TEMPLATES.map((t) => [t]))('--template %s writes a starter that lints clean under --strict and builds', (template) => {
    const dir = mkdtempSync(join(temp, `init-${template}-`));
    expect(lvscc(['init', '--template', template], dir).status).toBe(0);
    expect(readFileSync(join(dir, 'topology.yaml'), 'utf8')).toContain(`--template ${template}`);
    expect(lvscc(['lint', 'topology.yaml', '--strict'], dir)).toMatchObject({ status: 0, stdout: '' });
    expect(lvscc(['build', 'topology.yaml', '-o', 'out'], dir).status).toBe(0);
  });

  it('keeps an existing schema with the same bytes, refuses a different one without --force', () => {
    const dir = mkdtempSync(join(temp, 'init-schema-'));
    const schema = lvscc(['schema']).stdout;
    writeFileSync(join(dir, 'topology.schema.json'), schema);
    const kept = lvscc(['init'], dir);
    expect(kept.status).toBe(0);
    expect(kept.stdout).toContain('kept topology.schema.json');
    writeFileSync(join(dir, 'topology.schema.json'), '{}\n');
    const refused = lvscc(['init', 'other.yaml'], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("is not this lvscc's schema");
    expect(lvscc(['init', 'other.yaml', '--force'], dir).status).toBe(0);
    expect(readFileSync(join(dir, 'topology.schema.json'), 'utf8')).toBe(schema);
  });

  it('points $schema at the schema by a path relative to the topology directory', () => {
    const dir = mkdtempSync(join(temp, 'init-relative-'));
    mkdirSync(join(dir, 'site/web'), { recursive: true });
    expect(lvscc(['init', 'site/web/topology.yaml', '--schema', 'site/topology.schema.json'], dir).status).toBe(0);
    expect(readFileSync(join(dir, 'site/web/topology.yaml'), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../topology.schema.json');
    expect(lvscc(['lint', 'site/web/topology.yaml'], dir)).toMatchObject({ status: 0, stdout: '' });
    expect(schemaReference('a/b/t.yaml', 'a/b/s.json')).toBe('./s.json');
    expect(schemaReference('t.yaml', 'schemas/s.json')).toBe('./schemas/s.json');
    expect(schemaReference('a/t.yaml', 'b/s.json')).toBe('../b/s.json');
  });
});

describe.concurrent('LVS110 stale-schema', () => {
  it('warns when the $schema file differs from this lvscc schema, and only then', () => {
    const dir = mkdtempSync(join(temp, 'stale-'));
    expect(lvscc(['init'], dir).status).toBe(0);
    expect(lvscc(['lint', 'topology.yaml'], dir).stdout).toBe('');
    writeFileSync(join(dir, 'topology.schema.json'), '{"title":"an older lvscc"}\n');
    const stale = lvscc(['lint', 'topology.yaml'], dir);
    expect(stale.status).toBe(0);
    expect(stale.stdout).toContain('warning[LVS110]');
    expect(stale.stdout).toContain('--> topology.yaml:1:33');
    expect(stale.stdout).toContain('help: refresh it with: lvscc schema > topology.schema.json');
    expect(lvscc(['lint', 'topology.yaml', '--strict'], dir).status).toBe(1);
    // the oclif command and the fast path agree
    expect(lvscc(['lint', 'topology.yaml', '--max-bytes', '100000'], dir).stdout).toBe(stale.stdout);
    rmSync(join(dir, 'topology.schema.json'));
    expect(lvscc(['lint', 'topology.yaml'], dir).stdout).toBe('');
  });
});

describe.concurrent('lvscc build --format json', () => {
  it('prints one document with the diagnostics and the result per host', () => {
    const dir = mkdtempSync(join(temp, 'json-'));
    const first = lvscc(['build', join(root, 'fixtures/seed-tun.yaml'), '-o', dir, '--format', 'json']);
    expect(first.status).toBe(0);
    expect(first.stderr).toBe('');
    const doc = JSON.parse(first.stdout) as {
      errors: number;
      diagnostics: unknown[];
      result: { written: string[]; unchanged: number; removed: string[]; hosts: Record<string, { written: string[]; unchanged: number }> };
    };
    expect(doc.errors).toBe(0);
    expect(doc.result.written).toContain('manifest.json');
    expect(doc.result.hosts.lvs!.written).toContain('hosts/lvs/apply.sh');
    expect(Object.keys(doc.result.hosts).sort()).toEqual(['edge', 'lvs', 'rs1', 'rs2', 'rs3']);
    const again = JSON.parse(lvscc(['build', join(root, 'fixtures/seed-tun.yaml'), '-o', dir, '--format', 'json']).stdout) as typeof doc;
    expect(again.result.written).toEqual([]);
    expect(again.result.unchanged).toBe(doc.result.written.length);
    expect(again.result.hosts.lvs).toEqual({ written: [], unchanged: doc.result.hosts.lvs!.written.length, removed: [] });
  });

  it('gives result null and exit 1 when errors stop the build', () => {
    const run = lvscc(['build', join(root, 'fixtures/seed-literal.yaml'), '-o', join(temp, 'stopped'), '--format', 'json']);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ errors: 2, result: null });
  });
});

describe('the progress line', () => {
  it('shows only on a terminal, outside CI, for more than 1,000 hosts', () => {
    expect(Progress.enabled(1001, { isTTY: true }, {})).toBe(true);
    expect(Progress.enabled(1000, { isTTY: true }, {})).toBe(false);
    expect(Progress.enabled(5000, { isTTY: false }, {})).toBe(false);
    expect(Progress.enabled(5000, {}, {})).toBe(false);
    expect(Progress.enabled(5000, { isTTY: true }, { CI: 'true' })).toBe(false);
    expect(Progress.enabled(5000, { isTTY: true }, { CI: 'false' })).toBe(true);
    expect(Progress.enabled(5000, { isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });
});
