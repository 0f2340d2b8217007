// `lvscc import` as a process: the topology on stdout, the report on stderr, located diagnostics and exit 1 for
// bad input, exit 2 for an unreadable file, --verify's differences as LVS411, --format json as one document.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const run = (...args: string[]) => spawnSync(process.execPath, ['bin/run.js', 'import', ...args], { encoding: 'utf8' });

describe('lvscc import', () => {
  it('writes a topology that lints, and the report on stderr', () => {
    const r = run('fixtures/import/real/dok-dev-netology1.conf');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# imported by lvscc import/);
    expect(r.stdout).toContain('virtualRouterId: 33');
    expect(r.stderr).toContain('native  virtual_server tcp 192.168.17.200:80');
    expect(r.stderr).toMatch(/native {2}track_interface eth1/);
    // The password is kept as written; lint says keepalived (and lvscc's keepalived.conf) use its first 8 characters.
    expect(r.stdout).toContain('authPassword: super_secret');
    expect(r.stderr).toMatch(/lint warning LVS214: .*first 8, so lvscc writes those 8/);
  });

  it('prints located diagnostics in lint format and exits 1 for bad input, never a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lvscc-import-'));
    const file = join(dir, 'keepalived.conf');
    writeFileSync(file, 'virtual_server 10.0.0.1 80 {\n    lb_kind XYZ\n    real_server 10.0.0.11 80 {\n    }\n}\n');
    const r = run(file);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error[LVS406]: lb_kind must be NAT, DR or TUN, not XYZ');
    expect(r.stderr).toContain(`--> ${file}:2:13`);
    expect(r.stderr).toContain('^^^');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for a file it cannot read', () => {
    const r = run('/nonexistent/keepalived.conf');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cannot read /nonexistent/keepalived.conf');
  });

  it('--verify lists the differences of meaning as LVS411 and exits 1; --format json holds them', () => {
    const r = run('fixtures/import/samples/keepalived.conf.sample', '--verify', '-o', join(mkdtempSync(join(tmpdir(), 'lvscc-import-')), 't.yaml'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error[LVS411]: differs lb1: vrrp / virtual_router_id 50 on eth0 / addresses: (absent) -> 10.10.10.2');
    const j = run('fixtures/import/real/poeao-lvs-iptune.sh', '--verify', '--format', 'json');
    expect(j.status).toBe(0);
    const doc = JSON.parse(j.stdout) as { topology: string; differences: unknown[]; counts: { native: number } };
    expect(doc.differences).toEqual([]);
    expect(doc.topology).toContain('forwarding: tun');
    expect(doc.counts.native).toBe(1);
  });

  it('--verify reports the script security lvscc adds as a difference on purpose, which does not fail', () => {
    const r = run('fixtures/import/samples/keepalived.conf.quorum', '--verify', '-o', join(mkdtempSync(join(tmpdir(), 'lvscc-import-')), 't.yaml'));
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(
      'note: differs on purpose lb1: globalLines: (absent) -> script_user root: lvscc runs every script as root under enable_script_security',
    );
    expect(r.stderr).not.toContain('LVS411');
    // A script_user of the original's own is a difference of meaning.
    const conf = join(mkdtempSync(join(tmpdir(), 'lvscc-import-')), 'k.conf');
    writeFileSync(conf, `global_defs {\n   script_user nobody\n}\n${readFileSync('fixtures/import/samples/keepalived.conf.quorum', 'utf8')}`);
    const own = run(conf, '--verify', '--format', 'json');
    expect(own.status).toBe(1);
    const doc = JSON.parse(own.stdout) as { differences: { original: string; rebuilt: string }[]; accepted: unknown[] };
    expect(doc.differences.map((d) => `${d.original} -> ${d.rebuilt}`)).toEqual(
      expect.arrayContaining(['script_user nobody -> (absent)', '(absent) -> script_user root', '(absent) -> enable_script_security']),
    );
    expect(doc.accepted).toEqual([]);
  });
});
