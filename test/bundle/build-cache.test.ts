// The build cache: a bundle counts as current only when the key matches and every byte and mode is what
// that build wrote; any change by hand, any symlink or leftover, and any other key means a full build.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildKey, currentBundle, identityOf, lvsccIdentity } from '../../src/bundle/build-cache.js';
import { buildManifest } from '../../src/bundle/manifest.js';
import { CACHE_FILE } from '../../src/bundle/layout.js';
import { writeBundle } from '../../src/bundle/write.js';
import { lint } from '../../src/compile.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import type { EmittedFile } from '../../src/targets/types.js';

const model = lint(readFileSync('fixtures/seed-tun.yaml'), { fileName: 'seed-tun.yaml' }).model!;
const file = (host: string, path: string, content: string, mode = 0o644): EmittedFile => ({ host, path, content, mode, target: 'test' });
const files = [
  file('lvs', 'apply.sh', '#!/bin/sh\n', 0o755),
  file('lvs', 'rootfs/etc/keepalived/keepalived.conf', 'secret\n', 0o600),
  file('rs1', 'rootfs/etc/sysctl.d/90-lvscc-web-tun.conf', 'a = 1\n'),
];
const manifest = buildManifest(model, files, { file: 'seed-tun.yaml', bytes: 'x' }, '0.0.0', []);
const warning: Diagnostic = { code: 'LVS205', severity: 'warning', message: 'rs9 belongs to no service', related: [] };
const key = buildKey('lvscc-identity', 'seed-tun.yaml', 'x');

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A bundle written with the cache, in a fresh directory. */
function built(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lvscc-cache-'));
  dirs.push(dir);
  writeBundle(join(dir, 'out'), files, manifest, { key, diagnostics: [warning] });
  return join(dir, 'out');
}

describe('currentBundle', () => {
  it("finds a bundle as its build left it, with that build's diagnostics", () => {
    expect(currentBundle(built(), key)).toEqual({ diagnostics: [warning], files: 4, hosts: Object.keys(manifest.hosts) });
  });

  it('is undefined for another key: another input, file name or lvscc', () => {
    const out = built();
    expect(currentBundle(out, buildKey('lvscc-identity', 'seed-tun.yaml', 'y'))).toBeUndefined();
    expect(currentBundle(out, buildKey('lvscc-identity', './seed-tun.yaml', 'x'))).toBeUndefined();
    expect(currentBundle(out, buildKey('another-lvscc', 'seed-tun.yaml', 'x'))).toBeUndefined();
  });

  it.each([
    ['a file edited by hand', (out: string) => writeFileSync(join(out, 'hosts/lvs/apply.sh'), '#!/bin/sh\nexit 1\n')],
    ['a file edited to the same size', (out: string) => writeFileSync(join(out, 'hosts/lvs/apply.sh'), '#!/bin/ss\n')],
    ['a file removed', (out: string) => rmSync(join(out, 'hosts/rs1/rootfs/etc/sysctl.d/90-lvscc-web-tun.conf'))],
    ['a mode changed', (out: string) => chmodSync(join(out, 'hosts/lvs/apply.sh'), 0o644)],
    [
      'manifest.json edited',
      (out: string) => writeFileSync(join(out, 'manifest.json'), readFileSync(join(out, 'manifest.json'), 'utf8').replace('"0.0.0"', '"0.0.1"')),
    ],
    ['the cache removed', (out: string) => rmSync(join(out, CACHE_FILE))],
    ['a staging directory left by an interrupted build', (out: string) => mkdirSync(join(out, '.lvscc-staging'))],
    [
      'a host directory replaced by a symlink',
      (out: string) => {
        const elsewhere = mkdtempSync(join(tmpdir(), 'lvscc-elsewhere-'));
        dirs.push(elsewhere);
        writeBundle(join(elsewhere, 'copy'), files, manifest);
        rmSync(join(out, 'hosts/rs1'), { recursive: true });
        symlinkSync(join(elsewhere, 'copy/hosts/rs1'), join(out, 'hosts/rs1'));
      },
    ],
  ])('is undefined after %s', (_what, change) => {
    const out = built();
    change(out);
    expect(currentBundle(out, key)).toBeUndefined();
  });

  it('is undefined for a bundle written without a cache, and after a write without one', () => {
    const out = built();
    writeBundle(out, files, manifest);
    expect(currentBundle(out, key)).toBeUndefined();
  });
});

describe('identityOf', () => {
  /** A small lvscc package with one library installed beside it, as npm lays it out. */
  function fakePackage(): string {
    const root = mkdtempSync(join(tmpdir(), 'lvscc-identity-'));
    dirs.push(root);
    const put = (path: string, text: string) => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    put('package.json', JSON.stringify({ name: 'lvscc', version: '1.0.0', dependencies: { handlebars: '^4' } }));
    put('dist/render/handlebars.js', 'export {};\n');
    put('dist/render/handlebars.d.ts', 'export {};\n');
    put('templates/shell/apply.sh.hbs', '#!/bin/bash\n');
    put('schema/topology.schema.json', '{}\n');
    put('node_modules/handlebars/package.json', JSON.stringify({ name: 'handlebars', version: '4.7.8' }));
    return root;
  }

  it.each([
    ['compiled code', 'dist/render/handlebars.js', 'export const x = 1;\n'],
    ['a new module', 'dist/render/extra.cjs', 'module.exports = {};\n'],
    ['a template', 'templates/shell/apply.sh.hbs', '#!/bin/sh\n'],
    ['the schema', 'schema/topology.schema.json', '{"type":"object"}\n'],
    ['the version', 'package.json', JSON.stringify({ name: 'lvscc', version: '1.0.1', dependencies: { handlebars: '^4' } })],
    ['a library', 'node_modules/handlebars/package.json', JSON.stringify({ name: 'handlebars', version: '4.7.9' })],
  ])('changes with %s', (_what, path, text) => {
    const root = fakePackage();
    const before = identityOf(root);
    expect(identityOf(root)).toBe(before);
    writeFileSync(join(root, path), text);
    expect(identityOf(root)).not.toBe(before);
  });

  it('ignores type declarations, which do not run', () => {
    const root = fakePackage();
    const before = identityOf(root);
    writeFileSync(join(root, 'dist/render/handlebars.d.ts'), 'export declare const x: number;\n');
    expect(identityOf(root)).toBe(before);
  });

  it('is computed once per process for the running lvscc', () => {
    expect(lvsccIdentity()).toMatch(/^[0-9a-f]{64}$/);
    expect(lvsccIdentity()).toBe(lvsccIdentity());
  });
});
