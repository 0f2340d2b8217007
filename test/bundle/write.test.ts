// The bundle writer: modes under any umask, untouched unchanged files, stale-file removal,
// refusal of foreign directories, and no write outside the output directory.
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BundleError, writeBundle } from '../../src/bundle/write.js';
import { buildManifest, bundlePath, renderManifest } from '../../src/bundle/manifest.js';
import { CACHE_FILE } from '../../src/bundle/layout.js';
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

/** The bundle's files as a reader sees them (through the manifest.json and hosts symlinks), without lvscc's state directory. */
function listFiles(root: string, prefix = ''): string[] {
  return readdirSync(join(root, prefix))
    .filter((name) => prefix !== '' || name !== '.lvscc')
    .flatMap((name) => (statSync(join(root, prefix, name)).isDirectory() ? listFiles(root, join(prefix, name)) : [join(prefix, name)]))
    .sort();
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
    writeFileSync(join(outside, 'x'), 'outside');
    expect(writeBundle(out, b.files, b.manifest).written).toEqual(['hosts/rs1/rootfs/etc/sysctl.d/90-lvscc-web-tun.conf']);
    expect(readdirSync(outside)).toEqual(['x']);
    expect(lstatSync(join(out, 'hosts/rs1')).isDirectory()).toBe(true);
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
    writeBundle(out, b.files, b.manifest);
    expect(readdirSync(outside)).toEqual([]);
    expect(readlinkSync(join(out, 'hosts'))).toBe('.lvscc/current/hosts');
    expect(listFiles(out)).toEqual([...files.map((f) => `hosts/${f.host}/${f.path}`), 'manifest.json'].sort());
  });

  it('gives every directory mode 0755 whatever the umask (rsync -a rootfs/ host:/ copies it to / and /etc)', () => {
    const out = join(tempDir(), 'out');
    const old = process.umask(0o027);
    try {
      const b = bundle(files);
      writeBundle(out, b.files, b.manifest);
    } finally {
      process.umask(old);
    }
    for (const d of ['', '.lvscc', 'hosts', 'hosts/lvs', 'hosts/lvs/rootfs', 'hosts/lvs/rootfs/etc', 'hosts/lvs/rootfs/etc/keepalived']) {
      expect(statSync(join(out, d)).mode & 0o7777, d || 'DIR').toBe(0o755);
    }
  });

  it('keeps the mtime (and inode) of unchanged files when other files change', () => {
    const out = join(tempDir(), 'out');
    const first = bundle(files);
    writeBundle(out, first.files, first.manifest);
    const past = new Date('2001-01-01T00:00:00Z');
    utimesSync(join(out, 'hosts/rs1/rootfs/etc/sysctl.d/90-lvscc-web-tun.conf'), past, past);
    const ino = statSync(join(out, 'hosts/rs1/rootfs/etc/sysctl.d/90-lvscc-web-tun.conf')).ino;
    const next = bundle([file('lvs', 'apply.sh', '#!/bin/sh\necho changed\n', 0o755), files[1]!, files[2]!]);
    writeBundle(out, next.files, next.manifest);
    const stat = statSync(join(out, 'hosts/rs1/rootfs/etc/sysctl.d/90-lvscc-web-tun.conf'));
    expect([stat.ino, stat.mtime.getTime()]).toEqual([ino, past.getTime()]);
  });

  it('never trusts paths of the previous manifest: a tampered one cannot make a build delete anything', () => {
    const out = join(tempDir(), 'out');
    const b = bundle(files);
    writeBundle(out, b.files, b.manifest);
    const tampered = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    tampered.hosts.lvs.files.push({ path: 'hosts/x/../../manifest.json' }, { path: '/etc/passwd' }, { path: 'hosts/../../../outside' }, { path: 7 });
    writeFileSync(join(out, 'manifest.json'), JSON.stringify(tampered));
    const precious = join(dirname(out), 'outside');
    writeFileSync(precious, 'keep');
    const stats = writeBundle(out, b.files, b.manifest);
    expect(stats.removed).toEqual([]);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(renderManifest(b.manifest));
    expect(readFileSync(precious, 'utf8')).toBe('keep');
  });

  it('writes the cache through no symlink, dangling or not, at its name or its temporary name', () => {
    const root = tempDir();
    const out = join(root, 'out');
    const b = bundle(files);
    writeBundle(out, b.files, b.manifest, { key: 'k', diagnostics: [] });
    symlinkSync(join(root, 'escaped-new'), join(out, `${CACHE_FILE}.lvscc-new`));
    symlinkSync(join(root, 'escaped-new2'), join(out, `${CACHE_FILE}.new`));
    rmSync(join(out, CACHE_FILE));
    symlinkSync(join(root, 'escaped'), join(out, CACHE_FILE));
    writeBundle(out, b.files, b.manifest, { key: 'k2', diagnostics: [] });
    expect(readdirSync(root)).toEqual(['out']);
    expect(lstatSync(join(out, CACHE_FILE)).isFile()).toBe(true);
    expect(JSON.parse(readFileSync(join(out, CACHE_FILE), 'utf8')).key).toBe('k2');
  });

  it('refuses a build while another holds the lock, and breaks a lock whose process is gone', () => {
    const out = join(tempDir(), 'out');
    const b = bundle(files);
    writeBundle(out, b.files, b.manifest);
    const lock = join(out, '.lvscc/lock');
    // pid 1 is alive (init); a pid far above pid_max is not.
    writeFileSync(lock, JSON.stringify({ pid: 1, host: hostname(), started: 'then' }));
    const next = bundle(files.slice(0, 2));
    expect(() => writeBundle(out, next.files, next.manifest)).toThrow(/another lvscc build is writing .*pid 1 .*remove .*\.lvscc\/lock/);
    expect(listFiles(out)).toEqual([...files.map((f) => `hosts/${f.host}/${f.path}`), 'manifest.json'].sort());
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 30, host: hostname(), started: 'then' }));
    expect(writeBundle(out, next.files, next.manifest).removed).toEqual(['hosts/rs1/rootfs/etc/sysctl.d/90-lvscc-web-tun.conf']);
    expect(existsSync(lock)).toBe(false);
  });

  it('recovers from an interrupted build: a half-written generation and temporary links are removed, the bundle is whole', () => {
    const out = join(tempDir(), 'out');
    const b = bundle(files);
    writeBundle(out, b.files, b.manifest);
    mkdirSync(join(out, '.lvscc/gen-2/hosts/ghost'), { recursive: true });
    writeFileSync(join(out, '.lvscc/gen-2/hosts/ghost/x'), 'half');
    symlinkSync('gen-2', join(out, '.lvscc/current.lvscc-new'));
    mkdirSync(join(out, '.lvscc-staging'));
    const next = bundle(files.slice(1));
    writeBundle(out, next.files, next.manifest);
    expect(readdirSync(join(out, '.lvscc')).sort()).toEqual(['current', 'gen-2']);
    expect(readdirSync(out).sort()).toEqual(['.lvscc', 'hosts', 'manifest.json']);
    expect(listFiles(out)).toEqual(['hosts/lvs/rootfs/etc/keepalived/keepalived.conf', 'hosts/rs1/rootfs/etc/sysctl.d/90-lvscc-web-tun.conf', 'manifest.json']);
  });

  it('converts a bundle written before generations, keeping unchanged files and removing stale ones', () => {
    const out = join(tempDir(), 'out');
    const b = bundle(files);
    for (const f of b.files) {
      mkdirSync(dirname(join(out, bundlePath(f))), { recursive: true });
      writeFileSync(join(out, bundlePath(f)), f.content, { mode: f.mode });
    }
    writeFileSync(join(out, 'hosts/lvs/stale.conf'), 'old');
    const old = JSON.parse(renderManifest(b.manifest));
    old.hosts.lvs.files.push({ path: 'hosts/lvs/stale.conf', mode: '0644', sha256: 'x', target: 't' });
    writeFileSync(join(out, 'manifest.json'), JSON.stringify(old));
    const stats = writeBundle(out, b.files, b.manifest);
    expect(stats).toEqual({ written: ['manifest.json'], unchanged: 3, removed: ['hosts/lvs/stale.conf'] });
    expect(listFiles(out)).toEqual([...files.map((f) => `hosts/${f.host}/${f.path}`), 'manifest.json'].sort());
    expect(writeBundle(out, b.files, b.manifest).written).toEqual([]);
  });
});
