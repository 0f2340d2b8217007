// The built CLI against real faults: a read-only file system and a full one (a bind mount and a tiny tmpfs in
// a user+mount namespace, `unshare -rm`), two builds at once, unsafe file names and the output bounds.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain JavaScript bench helper without types
import { fleetTopology } from '../../bench/generate.js';
import { completeBundle } from './bundle-check.js';

const work = mkdtempSync(join(tmpdir(), 'lvscc-faults-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const cli = join(process.cwd(), 'bin/run.js');
const unshareWorks = spawnSync('unshare', ['-rm', 'true']).status === 0;

/** Runs a shell script in a new user+mount namespace (root there, so mounts are allowed). */
const inNamespace = (script: string) => spawnSync('unshare', ['-rm', 'sh', '-c', script], { encoding: 'utf8' });

describe('lvscc build against I/O faults', () => {
  it.skipIf(!unshareWorks)('fails with exit 2 on a read-only file system and leaves the old bundle', () => {
    const out = join(work, 'ro');
    expect(spawnSync(process.execPath, [cli, 'build', 'fixtures/seed-tun.yaml', '-o', out]).status).toBe(0);
    const before = completeBundle(out);
    writeFileSync(join(work, 'big.yaml'), fleetTopology({ services: 5, perService: 2, hosts: 6 }));
    const r = inNamespace(
      `mount --bind ${out} ${out} && mount -o remount,ro,bind ${out} && exec ${process.execPath} ${cli} build ${join(work, 'big.yaml')} -o ${out}`,
    );
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/EROFS/);
    expect(completeBundle(out)).toEqual(before);
  });

  it.skipIf(!unshareWorks)('fails with exit 2 on a full disk and leaves the old bundle, which the next build with room completes', () => {
    const mnt = join(work, 'tiny');
    mkdirSync(mnt);
    writeFileSync(join(work, 'fleet.yaml'), fleetTopology({ services: 100, perService: 4, hosts: 200 }));
    const out = join(mnt, 'out');
    // One namespace: the tmpfs has room for the seed bundle, not for the fleet beside it.
    const r = inNamespace(
      [
        `mount -t tmpfs -o size=1m tmpfs ${mnt}`,
        `${process.execPath} ${cli} build fixtures/seed-tun.yaml -o ${out} >/dev/null || exit 10`,
        `${process.execPath} ${cli} build ${join(work, 'fleet.yaml')} -o ${out} 2>${join(work, 'full.err')}; echo "status=$?"`,
        `${process.execPath} ${join(process.cwd(), 'test/reliability/check-cli.js')} ${out}`,
        `${process.execPath} ${cli} build fixtures/ha-dr.yaml -o ${out} >/dev/null || exit 11`,
        `${process.execPath} ${join(process.cwd(), 'test/reliability/check-cli.js')} ${out}`,
      ].join(' && '),
    );
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toContain('status=2');
    expect(readFileSync(join(work, 'full.err'), 'utf8')).toMatch(/ENOSPC/);
    const checks = r.stdout.split('\n').filter((l) => l.startsWith('{'));
    expect(checks.map((l) => JSON.parse(l).ok)).toEqual([true, true]);
    // The bundle after the failure is the seed's; after the next build, seed-ipip's.
    expect(JSON.parse(checks[0]!).source).toBe('seed-tun.yaml');
    expect(JSON.parse(checks[1]!).source).toBe('ha-dr.yaml');
  });

  it('lets one of two builds started at once into a new directory win; the other exits 2 naming the lock', async () => {
    writeFileSync(join(work, 'race.yaml'), fleetTopology({ services: 30, perService: 3, hosts: 60 }));
    for (let trial = 0; trial < 3; trial++) {
      const out = join(work, `race-${trial}`);
      const run = () =>
        new Promise<{ status: number | null; stderr: string }>((resolve) => {
          const child = spawn(process.execPath, [cli, 'build', trial % 2 ? 'fixtures/seed-tun.yaml' : join(work, 'race.yaml'), '-o', out]);
          let stderr = '';
          child.stderr.on('data', (d) => (stderr += d));
          child.on('exit', (status) => resolve({ status, stderr }));
        });
      const results = await Promise.all([run(), run()]);
      const statuses = results.map((r) => r.status).sort();
      expect(completeBundle(out).ok).toBe(true);
      if (statuses[0] === 0 && statuses[1] === 0) continue; // one finished before the other took the lock
      expect(statuses).toEqual([0, 2]);
      expect(results.find((r) => r.status === 2)!.stderr).toMatch(/another lvscc build is writing/);
      expect(spawnSync(process.execPath, [cli, 'build', 'fixtures/seed-tun.yaml', '-o', out]).status).toBe(0);
    }
  });
});

describe('lvscc build bounds', () => {
  it.each([
    ['a?b.yaml', 'U+003F'],
    ['evil\u202egpj.yaml', 'U+202E'],
    ['nl\u0085x.yaml', 'U+0085'],
    ['sp ace.yaml', 'U+0020'],
  ])('refuses the file name %j with exit 2, writing nothing', (name, code) => {
    const input = join(work, name);
    copyFileSync('fixtures/seed-tun.yaml', input);
    const r = spawnSync(process.execPath, [cli, 'build', input, '-o', join(work, 'named')], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(code);
    expect(spawnSync('ls', [join(work, 'named')]).status).not.toBe(0);
  });

  it('refuses a bundle over --max-files or --max-output-bytes with exit 2, writing nothing', () => {
    for (const flag of [
      ['--max-files', '10'],
      ['--max-output-bytes', '1000'],
    ]) {
      const r = spawnSync(process.execPath, [cli, 'build', 'fixtures/seed-tun.yaml', '-o', join(work, 'bounded'), ...flag], { encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(flag[0]);
    }
    expect(spawnSync('ls', [join(work, 'bounded')]).status).not.toBe(0);
  });

  it('prints at most --max-diagnostics diagnostics and a line counting the rest', () => {
    writeFileSync(join(work, 'dups.yaml'), 'version: 1\ncluster: c\n' + 'a: 1\n'.repeat(50));
    const r = spawnSync(process.execPath, [cli, 'build', join(work, 'dups.yaml'), '-o', join(work, 'd'), '--max-diagnostics', '5', '--format', 'json'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/lvscc: \d+ more diagnostics not printed \(--max-diagnostics 5\)/);
    expect(JSON.parse(r.stdout).diagnostics ?? JSON.parse(r.stdout)).toHaveLength(5);
  });

  it('lint prints at most --max-diagnostics too, 1,000 by default on its fast path, and exits 1 for them all', () => {
    writeFileSync(join(work, 'many.yaml'), 'version: 1\ncluster: c\n' + 'a: 1\n'.repeat(1500));
    const capped = spawnSync(process.execPath, [cli, 'lint', join(work, 'many.yaml'), '--max-diagnostics', '3', '--format', 'json'], { encoding: 'utf8' });
    expect(capped.status).toBe(1);
    expect(JSON.parse(capped.stdout).diagnostics ?? JSON.parse(capped.stdout)).toHaveLength(3);
    expect(capped.stderr).toMatch(/lvscc: \d+ more diagnostics not printed \(--max-diagnostics 3\)/);
    const fast = spawnSync(process.execPath, [cli, 'lint', join(work, 'many.yaml'), '--format', 'json'], { encoding: 'utf8' });
    expect(fast.status).toBe(1);
    expect(JSON.parse(fast.stdout).diagnostics ?? JSON.parse(fast.stdout)).toHaveLength(1000);
    expect(fast.stderr).toMatch(/lvscc: \d+ more diagnostics not printed \(--max-diagnostics 1000\)/);
  });
});
