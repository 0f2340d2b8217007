// `lvscc try` refuses clearly before it boots anything: without root or the lab's packages (exit 2), and on
// a topology with errors (exit 1, its diagnostics, whatever the machine has).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bare = mkdtempSync(join(tmpdir(), 'lvscc-try-path-'));
symlinkSync(process.execPath, join(bare, 'node'));
afterAll(() => rmSync(bare, { recursive: true, force: true }));

function lvscc(args: string[], env: NodeJS.ProcessEnv = process.env, prefix: string[] = []): { status: number | null; stdout: string; stderr: string } {
  const [command, ...rest] = prefix.length ? prefix : [process.execPath];
  const run = spawnSync(command!, [...rest, ...(prefix.length ? [process.execPath] : []), 'bin/run.js', 'try', ...args], {
    encoding: 'utf8',
    env: { ...env, NO_COLOR: '1' },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr.replace(/\s*›\s*/g, ' ') };
}

describe('lvscc try refuses', () => {
  it('without the lab packages, naming each Debian/Ubuntu package (exit 2)', () => {
    const run = lvscc(['fixtures/seed-tun.yaml'], { PATH: bare, HOME: process.env.HOME });
    if (process.getuid?.() !== 0) expect(run.stderr).toContain('needs root');
    else {
      expect(run.stderr).toContain('lvscc try needs these Debian/Ubuntu packages');
      for (const pkg of ['qemu-system-x86', 'ipvsadm', 'keepalived', 'nftables', 'busybox-static', 'jq']) expect(run.stderr).toContain(pkg);
    }
    expect(run.status).toBe(2);
  });

  it.skipIf(process.getuid?.() !== 0)('without root (exit 2)', () => {
    const run = lvscc(['fixtures/seed-tun.yaml'], { ...process.env, HOME: bare }, ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups']);
    expect(run.stderr).toContain('lvscc try needs root');
    expect(run.status).toBe(2);
  });

  it('a topology with errors, with its located diagnostics, before looking at the machine (exit 1)', () => {
    const run = lvscc(['fixtures/seed-tun.yaml', 'fixtures/seed-literal.yaml'], { PATH: bare, HOME: process.env.HOME });
    expect(run.stdout).toMatch(/seed-literal\.yaml:\d+:\d+/);
    expect(run.stderr).toContain('lvscc try: fixtures/seed-literal.yaml did not compile; nothing was booted');
    expect(run.status).toBe(1);
  });

  it('without a file (exit 2)', () => {
    expect(lvscc([]).status).toBe(2);
  });
});
