// SIGKILLs `lvscc build` (the built CLI) at random moments, alternating two topologies, and checks that the
// bundle directory is always the whole old bundle or the whole new one, and that the next build completes it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain JavaScript bench helper without types
import { fleetTopology } from '../../bench/generate.js';
import { completeBundle } from './bundle-check.js';

const KILLS = Number(process.env.LVSCC_KILLS ?? 100);
const SEED = Number(process.env.LVSCC_KILL_SEED ?? 20250601);
// tmpfs where there is one: SIGKILL consistency does not depend on the disk (the page cache survives the process), and builds are faster there.
const work = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'lvscc-kill-'));
const RECOVER_EVERY = Number(process.env.LVSCC_RECOVER_EVERY ?? 4);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** mulberry32: a small seeded generator, so a failing run can be repeated with LVSCC_KILL_SEED. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const build = (input: string, out: string) => [join(process.cwd(), 'bin/run.js'), 'build', input, '-o', out];

describe('lvscc build under SIGKILL', () => {
  it(`leaves the old or the new bundle after each of ${KILLS} kills, and the next build completes`, async () => {
    // Two fleets that differ in hosts and services, so every build adds, changes and removes files.
    const inputs = [join(work, 'a.yaml'), join(work, 'b.yaml')];
    writeFileSync(inputs[0]!, fleetTopology({ services: 24, perService: 4, hosts: 60 }));
    writeFileSync(inputs[1]!, fleetTopology({ services: 20, perService: 5, hosts: 48 }));
    const out = join(work, 'out');
    const rand = random(SEED);
    const first = spawnSync(process.execPath, build(inputs[0]!, out), { encoding: 'utf8' });
    expect(first.status, first.stderr).toBe(0);
    let old = completeBundle(out);
    expect(old.ok).toBe(true);
    const counts = { kills: 0, old: 0, new: 0, recovered: 0, finishedBeforeKill: 0 };
    const t1 = Date.now();
    expect(spawnSync(process.execPath, build(inputs[1]!, out)).status).toBe(0);
    let fullMs = Date.now() - t1;
    old = completeBundle(out);
    const started = Date.now();
    for (let i = 0; counts.kills < KILLS; i++) {
      // Killed builds follow each other (each starts from the state the last kill left); every
      // RECOVER_EVERY kills a build runs to completion and must leave the complete new bundle.
      const input = inputs[i % 2]!;
      const delay = rand() < 0.2 ? rand() * fullMs : (0.5 + rand() * 0.6) * fullMs;
      const child = spawn(process.execPath, build(input, out), { stdio: 'ignore' });
      const t0 = Date.now();
      const timer = setTimeout(() => child.kill('SIGKILL'), delay);
      const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      clearTimeout(timer);
      const now = completeBundle(out);
      expect(now, `after build ${i} (seed ${SEED}, delay ${delay.toFixed(0)} ms, status ${status})`).toMatchObject({ ok: true });
      if (status === 0) {
        counts.finishedBeforeKill++;
        fullMs = 0.7 * fullMs + 0.3 * (Date.now() - t0);
      } else {
        counts.kills++;
        if (now.ok && old.ok && now.manifest === old.manifest) counts.old++;
        else counts.new++;
      }
      old = now;
      if (status !== 0 && counts.kills % RECOVER_EVERY === 0) {
        const next = spawnSync(process.execPath, build(inputs[(i + 1) % 2]!, out), { encoding: 'utf8' });
        expect(next.status, next.stderr).toBe(0);
        old = completeBundle(out);
        expect(old.ok, `recovery build after kill ${counts.kills}`).toBe(true);
        counts.recovered++;
        i++;
      }
    }
    console.log(`kill test seed ${SEED}: ${JSON.stringify(counts)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    expect(counts.old + counts.new).toBe(KILLS);
  }, 600_000);
});
