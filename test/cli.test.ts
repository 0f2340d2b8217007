// The built CLI as a user runs it (node bin/run.js; `npm test` builds first): exit codes 0/1/2,
// output formats, explain, schema, init, stdin, and no stack trace on any path.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { codes } from '../src/diagnostics/codes.js';
import type { Diagnostic } from '../src/diagnostics/types.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'lvscc-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs lvscc with `args` in `cwd`, feeding `input` on standard input. */
function spawnLvscc(args: string[], options: { cwd?: string; input?: string | Buffer }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin/run.js'), ...args], {
      cwd: options.cwd ?? root,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.on('error', () => {}); // a command that does not read stdin may exit before we finish writing
    child.stdin.end(options.input ?? '');
  });
}

/** Runs lvscc and checks, on every run, that nothing printed a stack trace. */
async function lvscc(args: string[], options: { cwd?: string; input?: string | Buffer } = {}): Promise<Run> {
  const run = await spawnLvscc(args, options);
  expect(run.stderr, `stack trace from lvscc ${args.join(' ')}`).not.toContain('    at ');
  expect(run.stdout, `stack trace from lvscc ${args.join(' ')}`).not.toContain('    at ');
  return run;
}

const json = (run: Run) => JSON.parse(run.stdout) as { errors: number; warnings: number; diagnostics: Diagnostic[] };
const seedTun = readFileSync(join(root, 'fixtures/seed-tun.yaml'), 'utf8');

describe.concurrent('lvscc lint', () => {
  it('finds both bugs of the seed note (LVS206 at line 15, LVS201 at line 19) and exits 1', async () => {
    const run = await lvscc(['lint', 'fixtures/seed-literal.yaml', '--format', 'json']);
    expect(run.status).toBe(1);
    const found = json(run).diagnostics.map((d) => [d.code, d.span?.line]);
    expect(found).toContainEqual(['LVS201', 19]);
    expect(found).toContainEqual(['LVS206', 15]);
  });

  it('prints the human rendering on stdout for the seed note', async () => {
    const run = await lvscc(['lint', 'fixtures/seed-literal.yaml']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('error[LVS201]: address 10.10.24.22 is used by two hosts\n  --> fixtures/seed-literal.yaml:19:30\n');
    expect(run.stdout).toMatch(/fixtures\/seed-literal\.yaml: \d+ errors?, 1 warning\n$/);
  });

  it.each(['fixtures/seed-tun.yaml', 'fixtures/ha-dr.yaml'])('accepts %s with exit 0 and no output', async (file) => {
    const run = await lvscc(['lint', file]);
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('prints JSON and SARIF that parse', async () => {
    const asJson = await lvscc(['lint', 'fixtures/seed-literal.yaml', '--format', 'json']);
    expect(json(asJson).errors).toBeGreaterThanOrEqual(2);
    const asSarif = await lvscc(['lint', 'fixtures/seed-literal.yaml', '-f', 'sarif']);
    expect(asSarif.status).toBe(1);
    expect((JSON.parse(asSarif.stdout) as { version: string }).version).toBe('2.1.0');
    const clean = await lvscc(['lint', 'fixtures/seed-tun.yaml', '--format', 'json']);
    expect(clean.status).toBe(0);
    expect(json(clean)).toMatchObject({ errors: 0, warnings: 0, diagnostics: [] });
  });

  it('lets a warning pass, and fails on it with --strict', async () => {
    const unused = seedTun.replace(
      '  rs3: { interfaces: { eth0: 10.10.24.23/24 } }',
      '  rs3: { interfaces: { eth0: 10.10.24.23/24 } }\n  rs4: { interfaces: { eth0: 10.10.24.24/24 } }',
    );
    expect(unused).not.toBe(seedTun);
    const file = join(temp, 'unused.yaml');
    writeFileSync(file, unused);
    const lax = await lvscc(['lint', file, '--format', 'json']);
    expect(lax.status).toBe(0);
    expect(json(lax).diagnostics.map((d) => [d.code, d.severity])).toEqual([['LVS205', 'warning']]);
    expect((await lvscc(['lint', file, '--strict'])).status).toBe(1);
  });

  it('reads standard input for -', async () => {
    expect((await lvscc(['lint', '-'], { input: seedTun })).status).toBe(0);
    const run = await lvscc(['lint', '-', '--format', 'json'], { input: readFileSync(join(root, 'fixtures/seed-literal.yaml')) });
    expect(run.status).toBe(1);
    expect(json(run).diagnostics.map((d) => d.code)).toContain('LVS201');
  });

  it('reports a binary file as LVS002 with exit 1', async () => {
    const file = join(temp, 'image.png');
    writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    const run = await lvscc(['lint', file, '--format', 'json']);
    expect(run.status).toBe(1);
    expect(json(run).diagnostics.map((d) => d.code)).toEqual(['LVS002']);
    expect((await lvscc(['lint', file])).stdout).toContain('error[LVS002]');
  });

  it('rejects a file over 1 MiB (LVS001, exit 1) unless --max-bytes raises the limit', async () => {
    const padding = Array.from({ length: 20_000 }, (_, i) => `# padding line ${i} keeps this valid topology over one mebibyte\n`).join('');
    const file = join(temp, 'big.yaml');
    writeFileSync(file, seedTun + padding);
    expect(Buffer.byteLength(seedTun + padding)).toBeGreaterThan(1024 * 1024);
    const limited = await lvscc(['lint', file, '--format', 'json']);
    expect(limited.status).toBe(1);
    expect(json(limited).diagnostics.map((d) => d.code)).toEqual(['LVS001']);
    const raised = await lvscc(['lint', file, '--max-bytes', '4000000']);
    expect({ status: raised.status, stdout: raised.stdout }).toEqual({ status: 0, stdout: '' });
  });

  it('exits 2 with one line and no stack trace for a missing file', async () => {
    const run = await lvscc(['lint', 'no/such/topology.yaml']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('cannot read no/such/topology.yaml: no such file');
  });

  it.each([
    ['a directory', ['lint', 'fixtures'], 'is a directory'],
    ['an unknown flag', ['lint', 'fixtures/seed-tun.yaml', '--bogus'], '--bogus'],
    ['an unknown format', ['lint', 'fixtures/seed-tun.yaml', '--format', 'xml'], 'xml'],
    ['a bad --max-bytes', ['lint', 'fixtures/seed-tun.yaml', '--max-bytes', 'lots'], 'lots'],
    ['a missing argument', ['lint'], 'Missing 1 required arg'],
    ['an unknown command', ['frobnicate'], 'frobnicate'],
  ])('exits 2 for %s', async (_what, args, message) => {
    const run = await lvscc(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

describe.concurrent('lvscc build', () => {
  const withWarning = seedTun.replace(
    '  rs3: { interfaces: { eth0: 10.10.24.23/24 } }',
    '  rs3: { interfaces: { eth0: 10.10.24.23/24 } }\n  rs4: { interfaces: { eth0: 10.10.24.24/24 } }',
  );

  it('rebuilds an unchanged input without writing, printing the same warnings', async () => {
    expect(withWarning).not.toBe(seedTun);
    const dir = mkdtempSync(join(temp, 'build-'));
    writeFileSync(join(dir, 'site.yaml'), withWarning);
    const first = await lvscc(['build', 'site.yaml', '-o', 'out'], { cwd: dir });
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('warning[LVS205]');
    expect(first.stdout).toContain('--> site.yaml:');
    expect(first.stdout).toMatch(/\nout: (\d+) written, 0 unchanged, 0 removed; \d+ hosts: /);
    const files = Number(/(\d+) written/.exec(first.stdout)![1]);
    const again = await lvscc(['build', 'site.yaml', '-o', 'out'], { cwd: dir });
    expect(again).toEqual({ status: 0, stderr: first.stderr, stdout: first.stdout.replace(/\d+ written, 0 unchanged/, `0 written, ${files} unchanged`) });
    const json = await lvscc(['build', 'site.yaml', '-o', 'out', '--format', 'json'], { cwd: dir });
    expect((JSON.parse(json.stdout) as { diagnostics: Diagnostic[] }).diagnostics.map((d) => [d.code, d.span?.line])).toEqual([['LVS205', 18]]);
    const strict = await lvscc(['build', 'site.yaml', '-o', 'out', '--strict'], { cwd: dir });
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain('build stopped; nothing was written');
  });

  it('rewrites a bundle file edited or re-moded by hand', async () => {
    const dir = mkdtempSync(join(temp, 'build-'));
    const first = await lvscc(['build', join(root, 'fixtures/seed-tun.yaml'), '-o', dir]);
    expect(first.status).toBe(0);
    const apply = join(dir, 'hosts/lvs/apply.sh');
    const original = readFileSync(apply, 'utf8');
    writeFileSync(apply, original.replace('set -', 'set +'));
    chmodSync(join(dir, 'hosts/rs1/apply.sh'), 0o600);
    const again = await lvscc(['build', join(root, 'fixtures/seed-tun.yaml'), '-o', dir]);
    expect(again.stdout).toMatch(/: 1 written, \d+ unchanged, 0 removed;/);
    expect(readFileSync(apply, 'utf8')).toBe(original);
    expect(statSync(join(dir, 'hosts/rs1/apply.sh')).mode & 0o777).toBe(0o755);
  });
});

describe.concurrent('lvscc explain', () => {
  it('prints the page of a code, in any letter case', async () => {
    const run = await lvscc(['explain', 'LVS201']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(readFileSync(join(root, 'docs/codes/LVS201.md'), 'utf8'));
    expect((await lvscc(['explain', 'lvs201'])).stdout).toBe(run.stdout);
  });

  it('lists every registered code, one line each with its severity and summary, without a code', async () => {
    const run = await lvscc(['explain']);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split(' ')[0])).toEqual([...codes.keys()]);
    expect(lines).toContain('LVS201  error    duplicate-address: two hosts or interfaces have the same address');
  });

  it('exits 2 for an unknown code', async () => {
    const run = await lvscc(['explain', 'LVS999']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown diagnostic code LVS999');
  });
});

describe.concurrent('lvscc schema', () => {
  it('prints the draft-07 JSON Schema', async () => {
    const run = await lvscc(['schema']);
    expect(run.status).toBe(0);
    const schema = JSON.parse(run.stdout) as { $schema: string; required: string[] };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.required).toContain('services');
    expect(run.stdout).toBe(readFileSync(join(root, 'schema/topology.schema.json'), 'utf8'));
  });
});

describe.concurrent('lvscc init', () => {
  it('writes a starter topology and the schema that lint clean, and will not overwrite them without --force', async () => {
    const dir = mkdtempSync(join(temp, 'init-'));
    const first = await lvscc(['init'], { cwd: dir });
    expect(first.status).toBe(0);
    const topology = readFileSync(join(dir, 'topology.yaml'), 'utf8');
    expect(topology.split('\n')[0]).toBe('# yaml-language-server: $schema=./topology.schema.json');
    expect(readFileSync(join(dir, 'topology.schema.json'), 'utf8')).toBe((await lvscc(['schema'])).stdout);
    const lint = await lvscc(['lint', 'topology.yaml'], { cwd: dir });
    expect({ status: lint.status, stdout: lint.stdout }).toEqual({ status: 0, stdout: '' });

    writeFileSync(join(dir, 'topology.yaml'), '# my own edits\n');
    const again = await lvscc(['init'], { cwd: dir });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(readFileSync(join(dir, 'topology.yaml'), 'utf8')).toBe('# my own edits\n');
    expect((await lvscc(['init', '--force'], { cwd: dir })).status).toBe(0);
    expect(readFileSync(join(dir, 'topology.yaml'), 'utf8')).toBe(topology);
  });

  it('writes to a named file and exits 2 when it cannot write', async () => {
    const dir = mkdtempSync(join(temp, 'init-'));
    expect((await lvscc(['init', 'site.yaml'], { cwd: dir })).status).toBe(0);
    expect((await lvscc(['lint', 'site.yaml'], { cwd: dir })).status).toBe(0);
    const blocked = await lvscc(['init', 'missing-dir/site.yaml'], { cwd: dir });
    expect(blocked.status).toBe(2);
    expect(blocked.stderr.trim().split('\n')).toHaveLength(1);
  });
});
