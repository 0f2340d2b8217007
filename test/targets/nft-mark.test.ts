// nft-mark target: the directors' table that marks grouped ports (checked by nft -c in a namespace), its boot unit, and its actions.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nftMarkTarget } from '../../src/targets/nft-mark.js';
import { renderTarget } from '../helpers.js';
import { haveTool } from '../real-tools.js';

const temp = mkdtempSync(join(tmpdir(), 'lvscc-mark-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const fixture = readFileSync('fixtures/fwmark-ports.yaml', 'utf8');

describe('nft-mark target', () => {
  it('gives each director the mark table and its unit, with their actions; real servers get nothing', () => {
    const files = renderTarget(nftMarkTarget, fixture, 'fwmark-ports.yaml');
    expect(files.map((f) => [f.host, f.path, f.validate, f.actions])).toEqual([
      [
        'lvs',
        'rootfs/etc/systemd/system/lvscc-grouped-mark.service',
        undefined,
        [
          { on: 'change', run: ['systemctl', 'daemon-reload'] },
          { on: 'install', run: ['systemctl', 'enable', 'lvscc-grouped-mark.service'] },
        ],
      ],
      ['lvs', 'rootfs/etc/lvscc/grouped/mark.nft', ['nft', '-c', '-f', '{file}'], [{ on: 'change', run: ['nft', '-f', '/etc/lvscc/grouped/mark.nft'] }]],
    ]);
    expect(files[1]!.content).toContain('\t\tip daddr 10.40.0.88 tcp dport { 80, 443, 8000-8010 } meta mark set 88\n');
    expect(files[0]!.content).toContain(
      'ExecStart=/usr/sbin/nft -f /etc/lvscc/grouped/mark.nft\nExecStop=/usr/sbin/nft delete table inet lvscc-grouped-mark\n',
    );
  });

  it('marks IPv6 and udp ports too, and renders nothing without grouped ports', () => {
    const v6 = [
      'version: 1',
      'cluster: six',
      'directors:',
      '  lvs: { interfaces: { eth0: 2001:db8::2/64 } }',
      'realServers:',
      '  rs1: { interfaces: { eth0: 2001:db8::21/64 } }',
      'services:',
      '  dns: { vip: 2001:db8::53, fwmark: 53, protocol: udp, ports: [53, 5353], forwarding: dr, realServers: [rs1] }',
      '',
    ].join('\n');
    const files = renderTarget(nftMarkTarget, v6, 'v6.yaml');
    expect(files[1]?.content).toContain('\t\tip6 daddr 2001:db8::53 udp dport { 53, 5353 } meta mark set 53\n');
    expect(renderTarget(nftMarkTarget, fixture.replace('ports: [80, 443, 8000-8010]', ''), 'plain.yaml')).toEqual([]);
  });

  it.runIf(haveTool('nft', ['--version']) && spawnSync('unshare', ['-rn', 'true']).status === 0)('passes nft -c in a network namespace', () => {
    const file = join(temp, 'mark.nft');
    writeFileSync(file, renderTarget(nftMarkTarget, fixture, 'fwmark-ports.yaml')[1]!.content);
    const r = spawnSync('unshare', ['-rn', 'nft', '-c', '-f', file], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
