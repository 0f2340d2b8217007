// `lvscc graph` as users run it (the built CLI): Mermaid on stdout by default, -o writes the file, a
// topology with errors gets lint's located diagnostics on stderr and exit 1, I/O errors exit 2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'lvscc-graph-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const lvscc = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin/run.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('lvscc graph', () => {
  it('prints the Mermaid golden of the seed cluster by default', () => {
    const run = lvscc('graph', 'fixtures/seed-tun.yaml');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(readFileSync(join(root, 'fixtures/expected-graph/seed-tun.mmd'), 'utf8'));
  });

  it('writes the SVG to -o FILE and nothing to stdout', () => {
    const out = join(temp, 'seed.svg');
    const run = lvscc('graph', 'fixtures/seed-tun.yaml', '--format', 'svg', '-o', out);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(root, 'fixtures/expected-graph/seed-tun.svg'), 'utf8'));
  });

  it('reports a topology with errors as lint does, on stderr, and exits 1', () => {
    const run = lvscc('graph', 'fixtures/seed-literal.yaml', '-f', 'dot');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('error[LVS201]: address 10.10.24.22 is used by two hosts');
    expect(run.stderr).toContain('--> fixtures/seed-literal.yaml:19:30');
  });

  it('exits 2 when the input cannot be read or the output cannot be written', () => {
    const missing = lvscc('graph', join(temp, 'missing.yaml'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such file');
    const unwritable = lvscc('graph', 'fixtures/seed-tun.yaml', '-o', join(temp, 'no-such-dir', 'x.mmd'));
    expect(unwritable.status).toBe(2);
    expect(unwritable.stderr).toContain('cannot write');
    expect(unwritable.stderr).not.toContain('    at ');
  });
});
