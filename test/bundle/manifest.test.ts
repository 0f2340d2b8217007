// The manifest's per-host actions: argv lists in reload order, each target's in the order it emitted them, equal ones merged.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hostActions } from '../../src/bundle/manifest.js';
import { compile } from '../../src/compile.js';
import { onChange, onInstall, type EmittedFile } from '../../src/targets/types.js';

const file = (target: string, path: string, ...actions: ReturnType<typeof onChange>[]): EmittedFile => ({
  host: 'h',
  path: `rootfs${path}`,
  mode: 0o644,
  content: '',
  target,
  actions,
});

describe('manifest actions', () => {
  it('orders actions by reload order, then as each target emitted them, and merges equal ones', () => {
    const files = [
      file('b', '/etc/b2', onChange('reload', 'b')),
      file('a', '/etc/a', onInstall('enable', 'a'), onChange('reload', 'a')),
      file('b', '/etc/b1', onChange('reload', 'b'), onInstall('enable', 'b')),
    ];
    expect(hostActions(files, ['a', 'b'])).toEqual([
      { target: 'a', on: 'install', run: ['enable', 'a'], files: ['/etc/a'] },
      { target: 'a', on: 'change', run: ['reload', 'a'], files: ['/etc/a'] },
      { target: 'b', on: 'change', run: ['reload', 'b'], files: ['/etc/b1', '/etc/b2'] },
      { target: 'b', on: 'install', run: ['enable', 'b'], files: ['/etc/b1'] },
    ]);
  });

  it('refuses actions of a target that no reload phase runs', () => {
    expect(() => hostActions([file('c', '/etc/c', onChange('x'))], ['a'])).toThrow(/no reload phase runs/);
  });

  it('runs a static director daemon-reload before the reload-or-restart of the IPVS unit, and sysctls before networkd on a real server', () => {
    const { manifest } = compile(readFileSync('fixtures/seed-tun.yaml'), { fileName: 'seed-tun.yaml' });
    const runs = (host: string): string[] => manifest!.hosts[host]!.actions.map((a) => `${a.on}: ${a.run.join(' ')}`);
    expect(manifest!.bundleFormat).toBe(2);
    expect(runs('lvs').filter((r) => r.includes('systemctl') && !r.includes('networkd') && !r.includes('modules'))).toEqual([
      'change: systemctl daemon-reload',
      'install: systemctl enable lvscc-web-tun-ipvs.service',
      'change: systemctl reload-or-restart lvscc-web-tun-ipvs.service',
    ]);
    const rs1 = runs('rs1');
    expect(rs1.findIndex((r) => r.startsWith('change: sysctl -p'))).toBeLessThan(rs1.indexOf('install: systemctl enable --now systemd-networkd.service'));
  });
});
