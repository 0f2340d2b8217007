// The package as npm ships it (`npm test` builds first): packed, installed into a fresh project, imported from an
// ESM script that compiles and writes a bundle (the README's example too), and type-checked against from TypeScript.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'lvscc-package-'));
const project = join(temp, 'project');
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];

beforeAll(async () => {
  // --ignore-scripts: `npm test` has just built dist/, and `prepack` would build it again.
  const { stdout } = await run(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', temp, ...quiet], { cwd: root });
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-lvscc', private: true, type: 'module' }));
  // The run-time libraries are in npm's cache after `npm ci`; --prefer-offline takes them from there.
  await run(npm, ['install', '--prefer-offline', '--ignore-scripts', ...quiet, join(temp, packed!.filename)], { cwd: project });
}, 120_000);

describe('the packed package', () => {
  it('leaves no tarball in the repository', () => {
    expect(readdirSync(root).filter((name) => name.endsWith('.tgz'))).toEqual([]);
  });

  it('runs no install script when installed (it is built on prepack) and registers help and the not-found hook', () => {
    const installed = JSON.parse(readFileSync(join(project, 'node_modules/lvscc/package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      oclif: { plugins: string[]; hooks: Record<string, string> };
    };
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) expect(installed.scripts[script], script).toBeUndefined();
    expect(installed.scripts.prepack).toBe('npm run build');
    expect(installed.oclif.plugins).toEqual(['@oclif/plugin-help']);
    expect(existsSync(join(project, 'node_modules/lvscc', installed.oclif.hooks.command_not_found!))).toBe(true);
  });

  it('is imported as `lvscc` from ESM: compile, then writeBundle', async () => {
    writeFileSync(
      join(project, 'build.mjs'),
      `
      import { readFileSync } from 'node:fs';
      import { compile, hasErrors, lint, renderHuman, renderJson, renderSarif, lvsccVersion, writeBundle } from 'lvscc';
      const input = readFileSync(process.argv[2]);
      // The version the repository's golden bundles record.
      const result = compile(input, { fileName: 'seed-tun.yaml', version: '0.0.0-golden' });
      if (hasErrors(result.diagnostics)) throw new Error(renderHuman(result.diagnostics, result.source));
      const stats = writeBundle(process.argv[3], result.files, result.manifest);
      const literal = lint(readFileSync(process.argv[4]), { fileName: 'seed-literal.yaml' });
      console.log(JSON.stringify({
        written: stats.written.length,
        files: result.files.length,
        cluster: result.manifest.cluster,
        version: lvsccVersion,
        lintCodes: JSON.parse(renderJson(literal.diagnostics, 'seed-literal.yaml')).diagnostics.map((d) => d.code),
        sarif: JSON.parse(renderSarif(literal.diagnostics, 'seed-literal.yaml', lvsccVersion)).version,
      }));
    `,
    );
    const out = join(temp, 'out');
    const { stdout } = await run(process.execPath, ['build.mjs', join(root, 'fixtures/seed-tun.yaml'), out, join(root, 'fixtures/seed-literal.yaml')], {
      cwd: project,
    });
    const report = JSON.parse(stdout) as Record<string, unknown>;
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(report).toMatchObject({ cluster: 'web-tun', version, lintCodes: ['LVS206', 'LVS201', 'LVS244'], sarif: '2.1.0' });
    // Every file of the bundle and manifest.json, as the repository's golden bundle has them.
    expect(report.written).toBe((report.files as number) + 1);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(readFileSync(join(root, 'fixtures/expected/seed-tun/manifest.json'), 'utf8'));
    expect(existsSync(join(out, 'hosts/lvs/apply.sh'))).toBe(true);
  });

  it("runs the README's Library API example", async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const example = /^## Library API\n[^]*?^```js\n([^]*?)^```$/m.exec(readme)?.[1];
    expect(example).toBeDefined();
    writeFileSync(join(project, 'example.mjs'), example!);
    const { stdout } = await run(process.execPath, ['example.mjs', join(root, 'fixtures/seed-tun.yaml'), join(temp, 'example-out')], { cwd: project });
    expect(stdout).toMatch(/^web-tun: \d+ files written, 0 removed\n$/);
    const failed = await run(process.execPath, ['example.mjs', join(root, 'fixtures/seed-literal.yaml'), join(temp, 'example-bad')], { cwd: project }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('error[LVS206]') });
  });

  it('still runs as the lvscc command (the exports map hides nothing oclif needs)', async () => {
    const lvscc = join(project, 'node_modules/lvscc/bin/run.js');
    const { stdout } = await run(process.execPath, [lvscc, 'build', join(root, 'fixtures/seed-tun.yaml'), '-o', join(temp, 'cli-out')], { cwd: project });
    expect(stdout).toMatch(/: \d+ written, 0 unchanged, 0 removed; 5 hosts/);
  });

  it('type-checks with TypeScript through its exports map', async () => {
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          lib: ['ES2022'],
          strict: true,
          noEmit: true,
          types: [],
          skipLibCheck: false,
        },
        files: ['check.ts'],
      }),
    );
    writeFileSync(
      join(project, 'check.ts'),
      `
      import { compile, writeBundle, BundleError, type CompileResult, type Diagnostic, type Manifest, type Model } from 'lvscc';
      const result: CompileResult = compile('version: 1', { fileName: 'topology.yaml', maxBytes: 4096 });
      const first: Diagnostic | undefined = result.diagnostics[0];
      const code: string | undefined = first?.code;
      const model: Model | undefined = result.model;
      const manifest: Manifest | undefined = result.manifest;
      if (manifest) writeBundle('out', result.files, manifest).written.map((path: string) => path.length);
      const failure: Error = new BundleError('refused');
      // @ts-expect-error compile takes text or bytes, not an object
      compile({ version: 1 });
      export { code, model, failure };
    `,
    );
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    // tsc reports on stdout and exits 2 on errors: compare the report, so that a failure shows it.
    const checked = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project }).catch((error: { stdout: string }) => error);
    expect(checked.stdout).toBe('');
  });
});
