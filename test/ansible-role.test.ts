// contrib/ansible/roles/lvscc_bundle, run by Debian's ansible with `connection: local` into a temporary root:
// modes and owners, validation before replacement, the actions of what changed only (in the manifest's order, first-install
// actions once, stopping at a failure), idempotence, --check --diff.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveTool } from './real-tools.js';

/** The keepalived.conf reload of the manifest: checked first, then reloaded or (first install) started. */
const KEEPALIVED_RELOAD = ['keepalived -t -f /etc/keepalived/keepalived.conf', 'systemctl reload-or-restart keepalived.service'];

const root = fileURLToPath(new URL('../', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'lvscc-ansible-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const hasAnsible = haveTool('ansible-playbook');
const hasKeepalived = hasAnsible && haveTool('keepalived', ['--version']);
const topology = join(temp, 'shop.yaml');
const bundle = join(temp, 'bundle');
const installRoot = join(temp, 'root');
const log = join(temp, 'commands.log');

/** Builds the topology into the bundle with the built CLI. */
function build(text: string): void {
  writeFileSync(topology, text);
  const run = spawnSync(process.execPath, [join(root, 'bin/run.js'), 'build', topology, '-o', bundle], { encoding: 'utf8' });
  expect(run.status, run.stdout + run.stderr).toBe(0);
}

/** Runs the role for director lb1 and returns the output and the PLAY RECAP's counts. */
function play(...flags: string[]): { status: number | null; output: string; changed: number; failed: number } {
  const run = spawnSync('ansible-playbook', ['-i', 'localhost,', join(temp, 'play.yml'), ...flags], {
    encoding: 'utf8',
    cwd: temp,
    timeout: 180_000,
    env: {
      ...process.env,
      ANSIBLE_ROLES_PATH: join(root, 'contrib/ansible/roles'),
      ANSIBLE_NOCOLOR: '1',
      ANSIBLE_LOCALHOST_WARNING: 'false',
      ANSIBLE_INVENTORY_UNPARSED_WARNING: 'false',
      ANSIBLE_RETRY_FILES_ENABLED: 'false',
      HOME: temp,
    },
  });
  const output = run.stdout + run.stderr;
  const recap = /localhost\s+: ok=\d+\s+changed=(\d+)\s+unreachable=\d+\s+failed=(\d+)/.exec(output);
  return { status: run.status, output, changed: Number(recap?.[1] ?? -1), failed: Number(recap?.[2] ?? -1) };
}

const commands = (): string[] => (existsSync(log) ? readFileSync(log, 'utf8').trimEnd().split('\n') : []);
const installed = (path: string): string => join(installRoot, path);
const shop = readFileSync(join(root, 'fixtures/ha-dr.yaml'), 'utf8');

// ansible-playbook takes seconds to start, and much longer on a loaded machine.
describe.runIf(hasAnsible)('the lvscc_bundle Ansible role', { timeout: 300_000 }, () => {
  beforeAll(() => {
    build(shop);
    // The reload and apply commands are recorded, not run: a no-op standing in for systemctl and friends.
    // Standing in for apply.sh, it also writes the state file apply.sh leaves (in LVSCC_STATE_DIR, set by the role).
    writeFileSync(
      join(temp, 'record.sh'),
      // It fails the command named in fail-on, if that file exists.
      `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\ncase "$*" in */apply.sh) mkdir -p "$LVSCC_STATE_DIR" && : > "$LVSCC_STATE_DIR/lb1.state" ;; esac\n` +
        `[ -f '${join(temp, 'fail-on')}' ] && [ "$*" = "$(cat '${join(temp, 'fail-on')}')" ] && exit 1\nexit 0\n`,
    );
    chmodSync(join(temp, 'record.sh'), 0o755);
    writeFileSync(
      join(temp, 'play.yml'),
      [
        '- hosts: localhost',
        '  connection: local',
        '  gather_facts: false',
        '  roles:',
        '    - role: lvscc_bundle',
        `      lvscc_bundle_dir: ${bundle}`,
        '      lvscc_host: lb1',
        `      lvscc_root: ${installRoot}`,
        `      lvscc_command_wrapper: ${join(temp, 'record.sh')}`,
        `      lvscc_validate: ${hasKeepalived}`,
        '      lvscc_apply: "{{ apply | default(false) }}"',
        '',
      ].join('\n'),
    );
  });

  it("installs directories and files with the manifest modes and owners, then runs the manifest's actions in order", () => {
    const first = play();
    expect(first.status, first.output).toBe(0);
    expect(first.changed).toBeGreaterThan(0);
    const manifest = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8')) as {
      hosts: Record<string, { directories: { path: string; mode: string }[]; files: { path: string; installPath?: string; mode: string }[] }>;
    };
    for (const dir of manifest.hosts.lb1!.directories)
      expect((statSync(installed(dir.path)).mode & 0o7777).toString(8).padStart(4, '0'), dir.path).toBe(dir.mode);
    for (const file of manifest.hosts.lb1!.files.filter((f) => f.installPath)) {
      const stat = statSync(installed(file.installPath!));
      expect((stat.mode & 0o7777).toString(8).padStart(4, '0'), file.installPath).toBe(file.mode);
      expect([stat.uid, stat.gid]).toEqual([0, 0]);
      expect(readFileSync(installed(file.installPath!), 'utf8')).toBe(readFileSync(join(bundle, file.path), 'utf8'));
    }
    expect(statSync(installed('/usr/local/lib/lvscc/shop-dr/apply.sh')).mode & 0o777).toBe(0o755);
    expect(commands()).toEqual([
      'systemctl restart systemd-modules-load.service',
      'sysctl -p /etc/sysctl.d/zz-lvscc-shop-dr.conf',
      'systemctl enable --now systemd-networkd.service',
      'networkctl reload',
      'systemctl daemon-reload',
      'systemctl enable keepalived.service',
      ...KEEPALIVED_RELOAD,
    ]);
  });

  it('changes nothing on a second run (changed=0, no reload)', () => {
    const before = commands();
    const second = play();
    expect(second.status, second.output).toBe(0);
    expect(second.changed, second.output).toBe(0);
    expect(commands()).toEqual(before);
  });

  it('with --check --diff reports a changed keepalived.conf without installing it or reloading', () => {
    build(shop.replace('healthCheck: { type: tcp, timeout: 3, interval: 5 }', 'healthCheck: { type: tcp, timeout: 3, interval: 7 }'));
    const conf = readFileSync(installed('/etc/keepalived/keepalived.conf'), 'utf8');
    expect(readFileSync(join(bundle, 'hosts/lb1/rootfs/etc/keepalived/keepalived.conf'), 'utf8')).not.toBe(conf);
    const before = commands();
    const check = play('--check', '--diff');
    expect(check.status, check.output).toBe(0);
    expect(check.output).toMatch(/^\+.*delay_loop 7/m);
    expect(check.output).toMatch(/^-.*delay_loop 5/m);
    expect(check.changed).toBeGreaterThan(0);
    expect(readFileSync(installed('/etc/keepalived/keepalived.conf'), 'utf8')).toBe(conf);
    expect(commands()).toEqual(before);
  });

  it('installs the changed keepalived.conf and runs only its reload (no first-install action)', () => {
    const before = commands();
    const run = play();
    expect(run.status, run.output).toBe(0);
    expect(readFileSync(installed('/etc/keepalived/keepalived.conf'), 'utf8')).toContain('delay_loop 7');
    expect(commands()).toEqual([...before, ...KEEPALIVED_RELOAD]);
  });

  it.runIf(hasKeepalived)('refuses a keepalived.conf that fails `keepalived -t`, leaving the installed one in place', () => {
    const conf = readFileSync(installed('/etc/keepalived/keepalived.conf'), 'utf8');
    writeFileSync(join(bundle, 'hosts/lb1/rootfs/etc/keepalived/keepalived.conf'), 'global_defs {\n');
    const before = commands();
    const run = play();
    expect(run.status).not.toBe(0);
    expect(run.failed).toBe(1);
    expect(run.output).toContain('failed to validate');
    expect(readFileSync(installed('/etc/keepalived/keepalived.conf'), 'utf8')).toBe(conf);
    expect(commands()).toEqual(before);
  });

  it('with lvscc_apply runs apply.sh on a first install (no state file), then only when something changed', () => {
    rmSync(installRoot, { recursive: true, force: true });
    build(shop);
    const before = commands();
    expect(play('-e', 'apply=true').status).toBe(0);
    const apply = `${installRoot}/usr/local/lib/lvscc/shop-dr/apply.sh`;
    expect(commands().slice(before.length).at(-1)).toBe(apply);
    expect(existsSync(installed('/var/lib/lvscc/shop-dr/lb1.state'))).toBe(true);
    const again = play('-e', 'apply=true');
    expect(again.changed, again.output).toBe(0);
    expect(commands().filter((c) => c === apply)).toHaveLength(1);
  });

  it('stops at the first action that fails: a keepalived.conf that `keepalived -t` refuses is not reloaded', () => {
    build(shop.replace('healthCheck: { type: tcp, timeout: 3, interval: 5 }', 'healthCheck: { type: tcp, timeout: 3, interval: 9 }'));
    writeFileSync(join(temp, 'fail-on'), KEEPALIVED_RELOAD[0]!);
    const before = commands();
    const run = play();
    rmSync(join(temp, 'fail-on'));
    expect(run.status).not.toBe(0);
    expect(run.failed).toBe(1);
    expect(commands()).toEqual([...before, KEEPALIVED_RELOAD[0]]);
  });
});
