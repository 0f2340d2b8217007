// Real consumers on real output: every generated script passes bash -n and shellcheck, every
// keepalived.conf passes `keepalived -t`, for every fixture that compiles.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { writeBundle } from '../src/bundle/write.js';
import { haveTool, runWithInterfaces } from './real-tools.js';

const fixtures = readdirSync('fixtures')
  .filter((f) => f.endsWith('.yaml') && !f.startsWith('seed-literal'))
  .sort();
const root = mkdtempSync(join(tmpdir(), 'lvscc-tools-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const bundles = fixtures.map((fixture) => {
  const result = compile(readFileSync(join('fixtures', fixture)), { fileName: fixture });
  const dir = join(root, fixture.replace(/\.yaml$/, ''));
  if (result.manifest) writeBundle(dir, result.files, result.manifest);
  return { fixture, dir, result };
});

describe.each(bundles)('$fixture', ({ dir, result }) => {
  it('compiles', () => expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]));

  const scripts = result.files.filter((f) => f.path.endsWith('.sh')).map((f) => join(dir, 'hosts', f.host, f.path));
  const units = result.files.filter((f) => f.path.endsWith('.service')).map((f) => join(dir, 'hosts', f.host, f.path));
  const keepalivedConfs = result.files.filter((f) => f.path.endsWith('keepalived.conf')).map((f) => join(dir, 'hosts', f.host, f.path));

  if (scripts.length > 0)
    it('scripts pass bash -n', () => {
      for (const script of scripts) {
        const r = spawnSync('bash', ['-n', script], { encoding: 'utf8' });
        expect(r.stderr, script).toBe('');
        expect(r.status, script).toBe(0);
      }
    });

  if (scripts.length > 0)
    // shellcheck takes 8 s of CPU for a fixture's scripts (each carries the kinds' bash library): 30 s was
    // passed at load 8, and this bound is no performance claim.
    it.runIf(haveTool('shellcheck'))(
      'scripts pass shellcheck',
      () => {
        const r = spawnSync('shellcheck', ['--severity=style', '--shell=bash', ...scripts], { encoding: 'utf8' });
        expect(r.stdout + r.stderr).toBe('');
        expect(r.status).toBe(0);
      },
      120_000,
    );

  if (units.length > 0)
    it.runIf(haveTool('systemd-analyze', ['--version']))('systemd units pass systemd-analyze verify', () => {
      for (const unit of units) {
        const r = spawnSync('systemd-analyze', ['verify', unit], { encoding: 'utf8' });
        expect(r.stdout + r.stderr, unit).toBe('');
        expect(r.status, unit).toBe(0);
      }
    });

  if (keepalivedConfs.length > 0)
    it.runIf(haveTool('keepalived', ['--version']))('keepalived.conf passes keepalived -t', () => {
      const interfaces = (result.model?.directors ?? []).flatMap((d) => d.interfaces.map((i) => i.name));
      for (const conf of keepalivedConfs) {
        const r = runWithInterfaces(interfaces, 'keepalived', ['-t', '-l', '-n', '-f', conf]);
        expect(r.status, `${conf}\n${r.stdout}${r.stderr}`).toBe(0);
      }
    });
});
