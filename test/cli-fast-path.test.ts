// bin/run.js runs the plain forms of `lint FILE` without oclif: which forms it takes, and that for each form
// (and each form it hands on) the output and exit status are exactly what oclif alone gives.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fastLintArgs } from '../src/cli/lint-file.js';
import { DEFAULT_MAX_DIAGNOSTICS } from '../src/cli/report.js';
import { DEFAULT_MAX_BYTES } from '../src/source/load.js';

const root = fileURLToPath(new URL('../', import.meta.url));

function run(entry: string, args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, entry), ...args], { cwd: root, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('fastLintArgs', () => {
  it('takes one file with --strict and --format in each spelling, in any order', () => {
    const base = { file: 'a.yaml', format: 'human', strict: false, maxBytes: DEFAULT_MAX_BYTES, maxDiagnostics: DEFAULT_MAX_DIAGNOSTICS };
    expect(fastLintArgs(['a.yaml'])).toEqual(base);
    expect(fastLintArgs(['--strict', 'a.yaml'])).toEqual({ ...base, strict: true });
    expect(fastLintArgs(['a.yaml', '--format', 'json'])).toEqual({ ...base, format: 'json' });
    expect(fastLintArgs(['-f', 'sarif', 'a.yaml', '--strict'])).toEqual({ ...base, format: 'sarif', strict: true });
    expect(fastLintArgs(['--format=human', 'a.yaml'])).toEqual(base);
    expect(fastLintArgs(['-', '--strict'])).toEqual({ ...base, file: '-', strict: true });
  });

  it('hands every other form to oclif', () => {
    for (const argv of [
      [],
      ['-', 'a.yaml'],
      ['a.yaml', 'b.yaml'],
      ['a.yaml', '--help'],
      ['a.yaml', '--format', 'xml'],
      ['a.yaml', '--format'],
      ['a.yaml', '--format', 'json', '--format', 'json'],
      ['a.yaml', '--strict', '--strict'],
      ['a.yaml', '--max-bytes', '10'],
      ['a.yaml', '-fjson'],
      ['--', 'a.yaml'],
      [''],
    ]) {
      expect(fastLintArgs(argv), argv.join(' ')).toBeUndefined();
    }
  });
});

describe('bin/run.js and oclif alone agree', () => {
  const forms = [
    ['lint', 'fixtures/seed-tun.yaml'],
    ['lint', 'fixtures/seed-literal.yaml'],
    ['lint', 'fixtures/seed-literal.yaml', '--format', 'json'],
    ['lint', '-f', 'sarif', 'fixtures/seed-literal.yaml'],
    ['lint', '--strict', 'fixtures/ha-dr.yaml', '--format=json'],
    ['lint', 'no/such/file.yaml'],
    ['lint', 'fixtures'],
    ['lint', 'fixtures/seed-tun.yaml', '--format', 'xml'],
    ['lint', 'fixtures/seed-tun.yaml', 'extra'],
    ['lint'],
  ];
  it.each(forms.map((args) => [args.join(' '), args]))('%s', (_name, args) => {
    expect(run('bin/run.js', args as string[])).toEqual(run('test/support/oclif-only.js', args as string[]));
  });

  it.each([
    ['the seed note', readFileSync(join(root, 'fixtures/seed-literal.yaml'), 'utf8'), ['lint', '-']],
    ['a clean topology as JSON', readFileSync(join(root, 'fixtures/seed-tun.yaml'), 'utf8'), ['lint', '-', '--format', 'json']],
    ['nothing', '', ['lint', '-']],
  ])('standard input: %s', (_name, input, args) => {
    expect(run('bin/run.js', args, input)).toEqual(run('test/support/oclif-only.js', args, input));
  });
});
