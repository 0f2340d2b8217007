// The bundle writer: modes under any umask, untouched unchanged files, stale-file removal,
// refusal of foreign directories, and no write outside the output directory.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BundleError, writeBundle } from '../../src/bundle/write.js';
import { buildManifest } from '../../src/bundle/manifest.js';
import { lint } from '../../src/compile.js';
import type { EmittedFile } from '../../src/targets/types.js';

const model = lint(readFileSync('fixtures/seed-tun.yaml'), { fileName: 'seed-tun.yaml' }).model!;
const file = (host: string, path: string, content: string, mode = 0o644): EmittedFile => ({ host, path, content, mode, target: 'test' });
const bundle = (files: EmittedFile[]) => ({ files, manifest: buildManifest(model, files, { file: 'seed-tun.yaml', bytes: 'x' }, '0.0.0', []) });

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'lvscc-bundle-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function listFiles(root: string, prefix = ''): string[] {
  return readdirSync(join(root, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(root, join(prefix, e.name)) : [join(prefix, e.name)],
  ).sort();
}

describe('writeBundle', () => {
  const files = [
    file('lvs', 'apply.sh', '#!/bin/sh\n', 0o755),
    file('lvs', 'rootfs/etc/keepalived/keepalived.conf', 'secret\n', 0o600),
    file('rs1', 'rootfs/etc/sysctl.d/90-lvscc-web-tun.conf', 'a = 1\n'),
  ];

  for (const umask of [0o000, 0o077]) {
    it(`sets modes explicitly under umask ${umask.toString(8).padStart(3, '0')}`, () => {
      const out = join(tempDir(), 'out');
      const old = process.umask(umask);
      try {
        const b = bundle(files);
        writeBundle(out, b.files, b.manifest);
      } finally {
        process.umask(old);
      }
      expect(statSync(join(out, 'hosts/lvs/apply.sh')).mode & 0o777).toBe(0o755);
      expect(statSync(join(out, 'hosts/lvs/rootfs/etc/keepalived/keepalived.conf')).mode & 0o777).toBe(0o600);
      expect(statSync(join(out, 'hosts/rs1/rootfs/etc/sysctl.d/90-lvscc-web-tun.conf')).mode & 0o777).toBe(0o644);
      expect(statSync(join(out, 'manifest.json')).mode & 0o777).toBe(0o644);
    });
  }

  it('writes nothing on a rebuild with the same input, and keeps mtimes', () => {
    const out = join(tempDir(), 'out');
    const b = bundle(files);
    expect(writeBundle(out, b.files, b.manifest).written.length).toBe(4);
    const past = new Date('2001-01-01T00:00:00Z');
    for (const f of listFiles(out)) utimesSync(join(out, f), past, past);
    const again = writeBundle(out, b.files, b.manifest);
    expect(again).toEqual({ written: [], unchanged: 4, removed: [] });
    for (const f of listFiles(out)) expect(statSync(join(out, f)).mtime.getTime()).toBe(past.getTime());
  });

  it('rewrites only changed files and removes files no longer produced', () => {
    const out = join(tempDir(), 'out');
    const first = bundle(files);
    writeBundle(out, first.files, first.manifest);
    const next = bundle([file('lvs', 'apply.sh', '#!/bin/sh\necho changed\n', 0o755), files[1]!]);
    const stats = writeBundle(out, next.files, next.manifest);
    expect(stats.written.sort()).toEqual(['hosts/lvs/apply.sh', 'manifest.json']);
    expect(stats.removed).toEqual(['hosts/rs1/rootfs/etc/sysctl.d/90-lvscc-web-tun.conf']);
    expect(existsSync(join(out, 'hosts/rs1'))).toBe(false);
    expect(listFiles(out)).toEqual(['hosts/lvs/apply.sh', 'hosts/lvs/rootfs/etc/keepalived/keepalived.conf', 'manifest.json']);
  });

  it('restores a mode changed by hand without rewriting the content', () => {
    const out = join(tempDir(), 'out');
    const b = bundle(files);
    writeBundle(out, b.files, b.manifest);
    chmodSync(join(out, 'hosts/lvs/apply.sh'), 0o600);
    expect(writeBundle(out, b.files, b.manifest).written).toEqual([]);
    expect(statSync(join(out, 'hosts/lvs/apply.sh')).mode & 0o777).toBe(0o755);
  });

  it('refuses a non-empty directory that is not an lvscc bundle, changing nothing', () => {
    const out = tempDir();
    writeFileSync(join(out, 'precious.txt'), 'keep me');
    const b = bundle(files);
    expect(() => writeBundle(out, b.files, b.manifest)).toThrow(BundleError);
    expect(listFiles(out)).toEqual(['precious.txt']);
  });

  it('never writes through a symlink that leads outside the output directory', () => {
    const root = tempDir();
    const out = join(root, 'out');
    const outside = join(root, 'outside');
    mkdirSync(outside);
    const b = bundle(files);
    writeBundle(out, b.files, b.manifest);
    rmSync(join(out, 'hosts/rs1'), { recursive: true });
    symlinkSync(outside, join(out, 'hosts/rs1'));
    expect(() => writeBundle(out, b.files, b.manifest)).toThrow(/outside the output directory/);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('moves a host that is new to the bundle in whole, next to hosts it leaves untouched', () => {
    const out = join(tempDir(), 'out');
    const first = bundle(files.slice(0, 2));
    writeBundle(out, first.files, first.manifest);
    const next = bundle(files);
    const stats = writeBundle(out, next.files, next.manifest);
    expect(stats).toEqual({ written: ['hosts/rs1/rootfs/etc/sysctl.d/90-lvscc-web-tun.conf', 'manifest.json'], unchanged: 2, removed: [] });
    expect(listFiles(out)).toEqual([...files.map((f) => `hosts/${f.host}/${f.path}`), 'manifest.json'].sort());
    expect(readFileSync(join(out, 'hosts/rs1/rootfs/etc/sysctl.d/90-lvscc-web-tun.conf'), 'utf8')).toBe('a = 1\n');
  });

  it('never moves a new host through a hosts/ symlink that leads outside the output directory', () => {
    const root = tempDir();
    const out = join(root, 'out');
    const outside = join(root, 'outside');
    mkdirSync(outside);
    const b = bundle(files);
    writeBundle(out, b.files, b.manifest);
    rmSync(join(out, 'hosts'), { recursive: true });
    symlinkSync(outside, join(out, 'hosts'));
    expect(() => writeBundle(out, b.files, b.manifest)).toThrow(/outside the output directory/);
    expect(readdirSync(outside)).toEqual([]);
    expect(readdirSync(out).sort()).toEqual(['hosts', 'manifest.json']);
  });
});
