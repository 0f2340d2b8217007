// `lvscc plan` as users run it (the built CLI): exit codes with and without --detailed-exitcode, lint errors
// printed as lint prints them, an old bundle directory as OLD (its manifest never trusted), the formats and colour.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'lvscc-plan-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const lvscc = (args: string[], env: Record<string, string> = { NO_COLOR: '1' }) =>
  spawnSync(process.execPath, [join(root, 'bin/run.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', ...env } });

const SEED = 'fixtures/seed-tun.yaml';
const ADD = 'fixtures/plan/seed-add-real-server.yaml';

// Each run compiles two topologies; on a loaded two-core machine three runs take more than the default 30 s.
describe('lvscc plan', { timeout: 120_000 }, () => {
  it('exits 0 with or without changes, and with --detailed-exitcode 0 for none and 3 for some', () => {
    expect(lvscc(['plan', SEED, ADD]).status).toBe(0);
    expect(lvscc(['plan', SEED, ADD, '--detailed-exitcode']).status).toBe(3);
    const same = lvscc(['plan', SEED, 'fixtures/plan/seed-comment.yaml', '--detailed-exitcode']);
    expect(same.status).toBe(0);
    expect(same.stdout).toContain('no changes (5 hosts unchanged)');
  });

  it('prints lint errors of either input as lint does and exits 1', () => {
    for (const args of [
      ['fixtures/seed-literal.yaml', SEED],
      [SEED, 'fixtures/seed-literal.yaml'],
    ]) {
      const run = lvscc(['plan', ...args, '--detailed-exitcode']);
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('error[LVS201]: address 10.10.24.22 is used by two hosts');
      expect(run.stdout).toContain('--> fixtures/seed-literal.yaml:19:30');
    }
  });

  it('exits 2 for a missing file, an unknown format and a directory that is not a bundle', () => {
    expect(lvscc(['plan', SEED, join(temp, 'missing.yaml')]).status).toBe(2);
    expect(lvscc(['plan', SEED, ADD, '--format', 'xml']).status).toBe(2);
    const notBundle = lvscc(['plan', temp, ADD]);
    expect(notBundle.status).toBe(2);
    expect(notBundle.stderr).toContain('no manifest.json');
    expect(notBundle.stderr).not.toContain('    at ');
  });

  it('plans against a built bundle: files and actions, no classes, the rollout from the new topology', () => {
    const out = join(temp, 'bundle');
    expect(lvscc(['build', SEED, '-o', out]).status).toBe(0);
    const run = lvscc(['plan', out, ADD, '--format', 'json', '--detailed-exitcode']);
    expect(run.status).toBe(3);
    const plan = JSON.parse(run.stdout) as {
      impactsKnown: boolean;
      impacts: unknown[];
      old: { kind: string };
      hosts: { name: string; status: string }[];
      rollout: { hosts: string[] }[];
    };
    expect(plan.old.kind).toBe('bundle');
    expect(plan.impactsKnown).toBe(false);
    expect(plan.impacts).toEqual([]);
    expect(plan.hosts.map((h) => `${h.name} ${h.status}`)).toEqual(['lvs changed', 'rs4 added']);
    expect(plan.rollout.map((s) => s.hosts.join(','))).toEqual(['rs4', 'lvs']);
    const schema = JSON.parse(readFileSync(join(root, 'schema/plan.schema.json'), 'utf8')) as object;
    expect(new Ajv({ strict: true }).validate(schema, plan)).toBe(true);
    // The same topology the bundle was built from: nothing changes (the bundle's source name is used).
    expect(lvscc(['plan', out, SEED, '--detailed-exitcode']).status).toBe(0);
  });

  it('refuses a bundle whose manifest names a path outside its host, or control characters', () => {
    const out = join(temp, 'evil');
    expect(lvscc(['build', SEED, '-o', out]).status).toBe(0);
    const manifestPath = join(out, 'manifest.json');
    const manifest = readFileSync(manifestPath, 'utf8');
    rmSync(manifestPath); // a symlink into the generation: replace it by a real file
    writeFileSync(manifestPath, manifest.replace('"hosts/lvs/apply.sh"', '"hosts/lvs/../../../etc/passwd"'));
    const outside = lvscc(['plan', out, ADD]);
    expect(outside.status).toBe(2);
    expect(outside.stderr).toContain('outside hosts/lvs/');
    writeFileSync(manifestPath, manifest.replace('"networkctl"', '"networkctl\\u001b[2J"'));
    const control = lvscc(['plan', out, ADD]);
    expect(control.status).toBe(2);
    expect(control.stderr).toContain('control or bidirectional characters');
  });

  it('colours the human form with --color, never with NO_COLOR or --no-color', () => {
    expect(lvscc(['plan', SEED, ADD, '--color']).stdout).toContain('\u001b[32mreload');
    expect(lvscc(['plan', SEED, ADD, '--color', '--no-color']).stdout).not.toContain('\u001b[');
    expect(lvscc(['plan', SEED, ADD], { NO_COLOR: '1' }).stdout).not.toContain('\u001b[');
  });

  it('prints Markdown for a pull-request comment', () => {
    const run = lvscc(['plan', SEED, 'fixtures/plan/seed-member-leaves.yaml', '--format', 'markdown', '--diff']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^### lvscc plan: `fixtures\/seed-tun.yaml` → `fixtures\/plan\/seed-member-leaves.yaml`/);
    expect(run.stdout).toContain('| **drain** | real server rs3 in service http |');
    expect(run.stdout).toContain('```diff\n');
  });
});
