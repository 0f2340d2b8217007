// The keepalived.service drop-in for a planned stop: keepalived keeps its IPVS services at SIGTERM, and they are
// deleted after it has exited (and its VRRP process has released the VIP), only after a clean stop.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keepalivedTarget } from '../../src/targets/keepalived.js';
import { contextWith, resolvedOf } from '../helpers.js';
import { haveTool } from '../real-tools.js';

const model = resolvedOf(readFileSync('fixtures/ha-unicast.yaml', 'utf8'), 'ha-unicast.yaml').model;
const files = keepalivedTarget.render(contextWith(keepalivedTarget, model, 'ha-unicast.yaml'));
const dropIns = files.filter((f) => f.path.endsWith('.service.d/lvscc-planned-stop.conf'));
const root = mkdtempSync(join(tmpdir(), 'lvscc-ka-stop-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('keepalived.service drop-in', () => {
  it('goes to every director, reloaded by daemon-reload', () => {
    expect(dropIns.map((f) => [f.host, f.path, f.mode, f.actions])).toEqual(
      model.directors.map((d) => [
        d.name,
        'rootfs/etc/systemd/system/keepalived.service.d/lvscc-planned-stop.conf',
        0o644,
        [{ on: 'change', run: ['systemctl', 'daemon-reload'] }],
      ]),
    );
  });

  it('starts keepalived with --dont-release-ipvs and deletes each service after a clean stop', () => {
    const lines = dropIns[0]!.content.split('\n').filter((l) => /^Exec/.test(l));
    expect(lines[0]).toBe('ExecStart=');
    expect(lines[1]).toBe('ExecStart=/usr/sbin/keepalived --dont-fork --dont-release-ipvs $DAEMON_ARGS');
    expect(lines.slice(2)).toHaveLength(model.services.length);
    for (const line of lines.slice(2))
      expect(line).toMatch(/^ExecStopPost=\/bin\/sh -c 'test "\$\$SERVICE_RESULT" != success \|\| \/usr\/sbin\/ipvsadm -D -[tuf] /);
  });

  it('runs ipvsadm -D only when SERVICE_RESULT is success', () => {
    const command = dropIns[0]!.content.split('\n').find((l) => l.startsWith('ExecStopPost='))!;
    const script = command.slice('ExecStopPost=/bin/sh -c '.length).slice(1, -1).replaceAll('$$', '$');
    const bin = join(root, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'ipvsadm'), '#!/bin/sh\necho "ipvsadm $*"\n', { mode: 0o755 });
    const run = (result: string) =>
      spawnSync('sh', ['-c', script.replace('/usr/sbin/ipvsadm', join(bin, 'ipvsadm'))], { encoding: 'utf8', env: { ...process.env, SERVICE_RESULT: result } });
    expect(run('success').stdout).toMatch(/^ipvsadm -D -[tuf] /);
    expect(run('signal').stdout).toBe('');
    expect(run('signal').status).toBe(0);
  });

  it.runIf(haveTool('systemd-analyze', ['--version']) && haveTool('keepalived', ['--version']))('passes systemd-analyze verify with keepalived.service', () => {
    const unit = '/lib/systemd/system/keepalived.service';
    const dir = join(root, 'units');
    mkdirSync(join(dir, 'keepalived.service.d'), { recursive: true });
    copyFileSync(unit, join(dir, 'keepalived.service'));
    writeFileSync(join(dir, 'keepalived.service.d', 'lvscc-planned-stop.conf'), dropIns[0]!.content);
    const r = spawnSync('systemd-analyze', ['verify', join(dir, 'keepalived.service')], {
      encoding: 'utf8',
      env: { ...process.env, SYSTEMD_UNIT_PATH: `${dir}:` },
    });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
