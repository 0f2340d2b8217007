// shell target: the host operations in order, one bash file per kind with its steps, the fixed library as plain
// shell that shellcheck reads directly and the scripts embed verbatim, and teardown.sh reading older state files.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hostOperations, type HostOperation } from '../../src/plan/host-operations.js';
import { ipvsRules } from '../../src/plan/ipvs-rules.js';
import { operationLine, shellTarget } from '../../src/targets/shell.js';
import type { EmittedFile, TargetContext } from '../../src/targets/types.js';
import { dedent, targetContextOf } from '../helpers.js';
import { haveTool } from '../real-tools.js';

const shellDir = new URL('../../templates/shell/', import.meta.url);
const libraryFiles = ['lib', 'kinds'].flatMap((dir) =>
  readdirSync(new URL(`${dir}/`, shellDir))
    .filter((name) => name.endsWith('.sh'))
    .sort()
    .map((name) => `${dir}/${name}`),
);
const read = (file: string): string => readFileSync(new URL(file, shellDir), 'utf8');

/** Every operation kind, checked against the type both ways. */
const OPERATION_KINDS = {
  preflight: true,
  interface: true,
  module: true,
  'fallback-device': true,
  'link-created': true,
  sysctl: true,
  mtu: true,
  'link-up': true,
  addr: true,
  fou: true,
  route: true,
  ipvs: true,
  'ipvs-drain': true,
  mark: true,
} satisfies Record<HostOperation['kind'], true>;

/** Names of the functions a bash file defines at top level. */
function functionsOf(text: string): Set<string> {
  return new Set([...text.matchAll(/^([a-z_]+)\(\) \{/gm)].map((m) => m[1]!));
}

function contextOf(text: string, source = 'test.yaml'): TargetContext {
  return targetContextOf(shellTarget, text, source);
}

const TUNNELS = dedent(`
  version: 1
  cluster: tunnels
  defaults: { gateway: 10.0.0.1 }
  directors:
    lb: { interfaces: { eth0: 10.0.0.2/24 } }
  realServers:
    gue1: { interfaces: { eth0: { address: 10.0.0.31/24, mtu: 9000 } } }
  services:
    dns: { vip: 10.0.0.102, port: 53, protocol: udp, scheduler: sh, forwarding: tun, tunnel: { type: gue, port: 5555 }, realServers: [gue1] }
`);

describe('the fixed bash library (templates/shell/lib, templates/shell/kinds)', () => {
  it('is plain shell: no Handlebars inside', () => {
    expect(libraryFiles.length).toBeGreaterThan(3);
    for (const file of libraryFiles) expect(read(file), file).not.toMatch(/\{\{|\}\}/);
  });

  it('passes bash -n', () => {
    for (const file of libraryFiles) {
      const r = spawnSync('bash', ['-n', new URL(file, shellDir).pathname], { encoding: 'utf8' });
      expect(r.stderr, file).toBe('');
      expect(r.status, file).toBe(0);
    }
  });

  it.runIf(haveTool('shellcheck'))('passes shellcheck, file by file', () => {
    const paths = libraryFiles.map((file) => new URL(file, shellDir).pathname);
    const r = spawnSync('shellcheck', ['--severity=style', '--shell=bash', ...paths], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('declares each operation kind once, in kinds/KIND.sh, with a prepare or an apply step', () => {
    const kindFiles = libraryFiles.filter((f) => f.startsWith('kinds/')).map((f) => f.slice('kinds/'.length, -'.sh'.length));
    expect([...kindFiles].sort()).toEqual(Object.keys(OPERATION_KINDS).sort());
    for (const kind of kindFiles) {
      const name = kind.replaceAll('-', '_');
      const steps = functionsOf(read(`kinds/${kind}.sh`));
      expect(steps.has(`prepare_${name}`) || steps.has(`apply_${name}`), kind).toBe(true);
      // No other file defines a step of this kind.
      for (const other of libraryFiles.filter((f) => f !== `kinds/${kind}.sh`)) {
        for (const step of ['prepare', 'apply', 'key', 'revert'])
          expect(functionsOf(read(other)).has(`${step}_${name}`), `${other}: ${step}_${name}`).toBe(false);
      }
    }
  });

  it('gives every state entry a kind file writes its key and its revert step, in that file', () => {
    for (const file of libraryFiles.filter((f) => f.startsWith('kinds/'))) {
      const text = read(file);
      const steps = functionsOf(text);
      for (const [, kind] of text.matchAll(/state_add ([a-z-]+)/g)) {
        const name = kind!.replaceAll('-', '_');
        expect(steps.has(`key_${name}`), `${file}: key_${name}`).toBe(true);
        expect(steps.has(`revert_${name}`), `${file}: revert_${name}`).toBe(true);
      }
    }
  });
});

describe('hostOperations', () => {
  it('orders checks and modules first, then devices, sysctls, links, VIPs, GUE ports and routes', () => {
    const context = contextOf(TUNNELS);
    const plan = context.plans.find((p) => p.host.name === 'gue1')!;
    expect(hostOperations(plan, []).map((o) => o.kind)).toEqual([
      'preflight',
      'interface',
      'module',
      'module',
      'fallback-device',
      'sysctl',
      'sysctl',
      'sysctl',
      'sysctl',
      'mtu',
      'link-up',
      'addr',
      'link-up',
      'addr',
      'fou',
      'route',
    ]);
    const lines = hostOperations(plan, []).map(operationLine);
    expect(lines.filter((l) => ['fou', 'mtu', 'route', 'fallback-device'].includes(l.kind)).map((l) => [l.kind, ...l.args])).toEqual([
      ['fallback-device', 'tunl0', 'ipip'],
      ['mtu', 'eth0', 9000],
      ['fou', 5555, 4],
      ['route', 4, '10.0.0.1', 'eth0', 1428],
    ]);
    expect(lines.find((l) => l.kind === 'addr' && l.args[1] === '10.0.0.102/32')).toEqual({
      kind: 'addr',
      args: ['tunl0', '10.0.0.102/32'],
      comment: 'VIP of dns',
    });
  });

  it("announces a static director's VIP once added (gratuitous ARP, unsolicited NA), best effort", () => {
    const bin = mkdtempSync(join(tmpdir(), 'lvscc-announce-'));
    const announce = (address: string): { status: number | null; stdout: string; stderr: string } => {
      const script = ['SCRIPT=apply.sh CLUSTER=c HOST=h', read('lib/common.sh'), read('kinds/addr.sh'), `announce_addr eth0 ${address}`].join('\n');
      return spawnSync('/bin/bash', ['--norc', '-c', script], { encoding: 'utf8', env: { PATH: bin } });
    };
    // No tool: a warning naming the Debian package, and success.
    expect(announce('10.0.0.102')).toMatchObject({
      status: 0,
      stderr: "apply.sh: warning: 10.0.0.102 is not announced on eth0: iputils' arping is not installed (Debian: apt-get install iputils-arping)\n",
    });
    expect(announce('2001:db8::102')).toMatchObject({
      status: 0,
      stderr: 'apply.sh: warning: 2001:db8::102 is not announced on eth0: na6 is not installed (Debian: apt-get install ipv6toolkit)\n',
    });
    // The tools, as stubs that print their arguments; Thomas Habets' arping (another option syntax) is not used.
    for (const [name, body] of [
      ['arping', 'if [[ $1 == -V ]]; then echo "arping from iputils 20221126"; else echo "arping $*"; fi'],
      ['na6', 'echo "na6 $*"'],
    ]) {
      writeFileSync(join(bin, name!), `#!/bin/bash\n${body}\n`);
      chmodSync(join(bin, name!), 0o755);
    }
    expect(announce('10.0.0.102')).toMatchObject({ status: 0, stdout: 'arping -q -U -c 2 -I eth0 10.0.0.102\n', stderr: '' });
    expect(announce('2001:db8::102')).toMatchObject({ status: 0, stdout: 'na6 -i eth0 -s 2001:db8::102 -d ff02::1 -t 2001:db8::102 -o -e\n', stderr: '' });
    writeFileSync(join(bin, 'arping'), '#!/bin/bash\necho "ARPing 2.23"\n');
    expect(announce('10.0.0.102').stderr).toContain("iputils' arping is not installed");
    rmSync(bin, { recursive: true, force: true });
  });

  it('preflight refuses ipvsadm AUTO="true" and a link NetworkManager manages, and warns about networkd', () => {
    const bin = mkdtempSync(join(tmpdir(), 'lvscc-preflight-'));
    const stub = (name: string, body: string): void => {
      writeFileSync(join(bin, name), `#!/bin/bash\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    };
    const defaults = join(bin, 'ipvsadm.defaults');
    const preflight = (args: string): { status: number | null; stderr: string } => {
      const script = ['SCRIPT=apply.sh CLUSTER=c HOST=h', read('lib/common.sh'), read('kinds/preflight.sh'), `prepare_preflight ${args}`].join('\n');
      return spawnSync('/bin/bash', ['--norc', '-c', script], { encoding: 'utf8', env: { PATH: `${bin}:/usr/bin:/bin`, LVSCC_IPVSADM_DEFAULTS: defaults } });
    };
    // systemd-networkd enabled and running, NetworkManager running; nmcli lists eth0 managed, eth1 unmanaged.
    stub('systemctl', 'case "$*" in *NetworkManager*) exit 0 ;; *systemd-networkd*) exit "${NETWORKD_DOWN:-0}" ;; esac');
    stub('nmcli', 'printf "eth0:connected\\neth1:unmanaged\\nlo:unmanaged\\n"');
    writeFileSync(defaults, 'AUTO="false"\n');
    expect(preflight('director networkd eth1')).toMatchObject({ status: 0, stderr: '' });
    expect(preflight('director networkd eth0')).toMatchObject({
      status: 1,
      stderr:
        'apply.sh: error: NetworkManager manages eth0 (connected) and would fight this bundle over its addresses: set it unmanaged (nmcli device set eth0 managed no) or stop NetworkManager\n',
    });
    writeFileSync(defaults, '# saved table\nAUTO="true"\n');
    expect(preflight('director networkd eth1')).toMatchObject({
      status: 1,
      stderr: `apply.sh: error: ${defaults} has AUTO="true": the ipvsadm package would restore its own saved table at boot, over this bundle's IPVS services; set AUTO="false" there\n`,
    });
    expect(preflight('real-server networkd eth1')).toMatchObject({ status: 0, stderr: '' });
    stub('systemctl', 'case "$*" in *NetworkManager*) exit 3 ;; *systemd-networkd*) exit 1 ;; esac');
    expect(preflight('real-server networkd eth0')).toMatchObject({
      status: 0,
      stderr:
        "apply.sh: warning: systemd-networkd is not enabled: the bundle's .network files would not be applied at boot (systemctl enable systemd-networkd)\n" +
        "apply.sh: warning: systemd-networkd is not running: the bundle's .network files take effect only once it runs (systemctl start systemd-networkd)\n",
    });
    rmSync(bin, { recursive: true, force: true });
  });

  it('gives a static director its VIPs and IPVS services last, and a keepalived director neither', () => {
    const context = contextOf(TUNNELS);
    const lb = context.plans.find((p) => p.host.name === 'lb')!;
    const operations = hostOperations(lb, ipvsRules(context.model, context.render));
    expect(operations.slice(-4)).toEqual([
      { kind: 'addr', link: 'eth0', cidr: '10.0.0.102/32', nodad: false, deprecated: false, announce: true, reason: 'VIP of dns' },
      { kind: 'route', family: 4, via: '10.0.0.1', device: 'eth0' },
      {
        kind: 'ipvs',
        service: 'dns',
        key: '-u 10.0.0.102:53',
        rules: ['-A -u 10.0.0.102:53 -s sh', '-a -u 10.0.0.102:53 -r 10.0.0.31:53 -i -w 1 --tun-type gue --tun-port 5555 --tun-nocsum'],
        drainTimeout: 60,
      },
      { kind: 'ipvs-drain' },
    ]);
    const ha = contextOf(readFileSync(new URL('../../fixtures/ha-dr.yaml', import.meta.url), 'utf8'), 'ha-dr.yaml');
    const lb1 = ha.plans.find((p) => p.host.name === 'lb1')!;
    expect(hostOperations(lb1, []).filter((o) => o.kind === 'ipvs' || (o.kind === 'addr' && o.reason))).toEqual([]);
  });
});

const files = shellTarget.render(contextOf(TUNNELS, 'tunnels.yaml'));
const byPath = (host: string, path: string): EmittedFile => files.find((f) => f.host === host && f.path === path)!;

describe('shell target', () => {
  it('embeds the library verbatim in both scripts, the rollback in apply.sh only', () => {
    for (const file of libraryFiles) {
      const text = read(file).trimEnd();
      expect(byPath('gue1', 'apply.sh').content, file).toContain(text);
      if (file === 'lib/rollback.sh') expect(byPath('gue1', 'teardown.sh').content).not.toContain(text);
      else expect(byPath('gue1', 'teardown.sh').content, file).toContain(text);
    }
  });

  it('writes the operations as quoted `op` lines, with their reasons as comments', () => {
    const apply = byPath('lb', 'apply.sh').content;
    const body = apply.slice(apply.indexOf('operations() {\n'), apply.indexOf('\n}\n', apply.indexOf('operations() {\n')));
    expect(body.split('\n').slice(1)).toEqual([
      '  op preflight director networkd eth0',
      '  op interface eth0',
      '  op module ip_vs',
      '  op module ip_vs_sh',
      '  op link-up eth0',
      '  op addr eth0 10.0.0.2/24',
      '  op addr eth0 10.0.0.102/32 announce # VIP of dns',
      "  op route 4 10.0.0.1 eth0 ''",
      "  op ipvs '-u 10.0.0.102:53' '-A -u 10.0.0.102:53 -s sh",
      "-a -u 10.0.0.102:53 -r 10.0.0.31:53 -i -w 1 --tun-type gue --tun-port 5555 --tun-nocsum' 60 # dns",
      '  op ipvs-drain # real servers that left their service: weight 0 until drained, then deleted',
    ]);
    expect(apply).toContain('for tool in ip sysctl ipvsadm ipvsadm-save; do');
    expect(byPath('gue1', 'apply.sh').content).toContain('for tool in ip sysctl; do');
  });
});

describe('teardown.sh and state files of earlier versions', () => {
  const root = mkdtempSync(join(tmpdir(), 'lvscc-shell-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  // A state file with an entry of every kind, as apply.sh of lvscc 0.1.0 (before the kinds were files) wrote
  // it: a route recorded with the route it set, one from before that (only the old route), and an entry
  // of a kind this version does not know.
  const STATE = [
    'sysctl\tnet.ipv4.conf.all.rp_filter\t1',
    'mtu\teth1\t1500',
    'link-created\tlvs0',
    'link-up\teth0',
    'addr\teth0\t10.10.24.21/24',
    'fou\t5555\t4',
    'fou\t6666\t6',
    'route\t4\tdefault via 10.10.24.250 dev eth0 proto dhcp metric 100\tvia 10.10.24.1 dev eth0',
    'route\t6\t-',
    'ipvs\t-t 10.10.24.88:80',
    'ipvs-replaced\t-t 10.10.24.99:80\t-A -t 10.10.24.99:80 -s wlc|-a -t 10.10.24.99:80 -r 10.0.0.1:80 -g -w 1',
    'bogus\tx',
  ];

  it('reverts every entry, newest first, under --dry-run (the same commands as the teardown.sh of 0.1.0)', () => {
    const bin = join(root, 'bin');
    mkdirSync(bin);
    // Stubs: every link exists and holds 10.10.24.21/24, a default route exists, the IPVS table holds
    // only the bundle's own service.
    const stub = (name: string, body: string): void => {
      writeFileSync(join(bin, name), `#!/usr/bin/env bash\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    };
    stub(
      'ip',
      `case " $* " in *" addr show dev "*) printf '2: eth0    inet 10.10.24.21/24 \\n' ;; *" route show default "*) echo default ;; *" fou show "*) printf 'port 5555 gue\\nport 6666 gue\\n' ;; esac`,
    );
    stub('ipvsadm-save', `echo '-A -t 10.10.24.88:80 -s rr'`);
    mkdirSync(join(root, 'state', 'tunnels'), { recursive: true });
    writeFileSync(join(root, 'state', 'tunnels', 'gue1.state'), STATE.map((l) => `${l}\n`).join(''));
    const script = join(root, 'teardown.sh');
    writeFileSync(script, byPath('gue1', 'teardown.sh').content);
    const r = spawnSync('bash', [script, '--dry-run'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, LVSCC_STATE_DIR: join(root, 'state') },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('teardown.sh: warning: unknown state entry: bogus\nteardown.sh: dry run: nothing was changed\n');
    expect(r.stdout.split('\n')).toEqual([
      '+ ipvsadm -R <<EOF',
      '-A -t 10.10.24.99:80 -s wlc',
      '-a -t 10.10.24.99:80 -r 10.0.0.1:80 -g -w 1',
      'EOF',
      '+ ipvsadm -D -t 10.10.24.88:80',
      '+ ip -6 route del default',
      '+ ip -4 route del default via 10.10.24.1 dev eth0',
      '+ ip -4 route replace default via 10.10.24.250 dev eth0 proto dhcp metric 100',
      '+ ip -6 fou del port 6666',
      '+ ip -4 fou del port 5555',
      '+ ip addr del 10.10.24.21/24 dev eth0',
      '+ ip link set dev eth0 down',
      '+ ip link del lvs0',
      '+ ip link set dev eth1 mtu 1500',
      '+ sysctl -qw net.ipv4.conf.all.rp_filter=1',
      '',
    ]);
  });
});

describe('apply.sh and a sysctl.d file read after its own', () => {
  // A mount namespace of its own (unshare -rm) with empty sysctl.d directories: the files systemd-sysctl reads.
  const canUnshare = spawnSync('unshare', ['-rm', 'true']).status === 0;
  it.runIf(canUnshare)('warns about each later file that sets one of its keys to another value, in systemd-sysctl order', () => {
    const script = [
      'set -euo pipefail',
      'for dir in /etc/sysctl.d /run/sysctl.d /usr/local/lib/sysctl.d /usr/lib/sysctl.d; do if [[ -d $dir ]]; then mount -t tmpfs none "$dir"; fi; done',
      'mkdir -p /usr/lib/sysctl.d',
      // Before lvscc's file: Debian's link to /etc/sysctl.conf, with a hardening rp_filter=1.
      "printf 'net.ipv4.conf.all.rp_filter = 1\\n' > /etc/sysctl.d/99-sysctl.conf",
      // After it: a slash-separated key, a glob, the same value (no warning), a comment.
      "printf '# net.ipv4.conf.all.arp_ignore = 9\\nnet/ipv4/conf/all/arp_ignore = 0\\n-net.ipv4.conf.all.arp_announce = 2\\n' > /etc/sysctl.d/zzz-local.conf",
      "printf 'net.ipv4.conf.*.rp_filter=2\\n' > /usr/lib/sysctl.d/zzzz-vendor.conf",
      // A vendor file hidden by an /etc file of the same name.
      "printf 'net.ipv4.conf.all.arp_announce = 0\\n' > /usr/lib/sysctl.d/zzzy.conf",
      ': > /etc/sysctl.d/zzzy.conf',
      'SCRIPT=apply.sh CLUSTER=c HOST=h SYSCTL_FILE=/etc/sysctl.d/zz-lvscc-c.conf',
      ...['lib/common.sh', 'kinds/sysctl.sh'].map((file) => `source ${new URL(file, shellDir).pathname}`),
      'prepare_sysctl net.ipv4.conf.all.arp_ignore 1',
      'prepare_sysctl net.ipv4.conf.all.arp_announce 2',
      'prepare_sysctl net.ipv4.conf.all.rp_filter 0',
    ].join('\n');
    const r = spawnSync('unshare', ['-rm', 'bash', '-c', script], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr.split('\n')).toEqual([
      'apply.sh: warning: /etc/sysctl.d/zzz-local.conf sets net.ipv4.conf.all.arp_ignore = 0 and is read after /etc/sysctl.d/zz-lvscc-c.conf at boot: the next reboot leaves net.ipv4.conf.all.arp_ignore at 0 instead of 1; remove it there',
      'apply.sh: warning: /usr/lib/sysctl.d/zzzz-vendor.conf sets net.ipv4.conf.all.rp_filter = 2 and is read after /etc/sysctl.d/zz-lvscc-c.conf at boot: the next reboot leaves net.ipv4.conf.all.rp_filter at 2 instead of 0; remove it there',
      '',
    ]);
  });
});

describe('teardown.sh --purge', () => {
  const canUnshare = spawnSync('unshare', ['-rm', 'true']).status === 0;
  it.runIf(canUnshare)('stops the units, removes networkd files and the VIP, then reverts the sysctls, then removes the other files', () => {
    const root = mkdtempSync(join(tmpdir(), 'lvscc-purge-'));
    try {
      const seed = readFileSync('fixtures/seed-tun.yaml', 'utf8');
      const rs1 = shellTarget.render(contextOf(seed, 'seed-tun.yaml')).find((f) => f.host === 'rs1' && f.path === 'teardown.sh')!;
      writeFileSync(join(root, 'teardown.sh'), rs1.content);
      const bin = join(root, 'bin');
      mkdirSync(bin);
      const stub = (name: string, body: string): void => {
        writeFileSync(join(bin, name), `#!/usr/bin/env bash\n${body}\n`);
        chmodSync(join(bin, name), 0o755);
      };
      // networkd runs; tunl0 holds the VIP.
      stub('systemctl', 'case "$1" in is-active) exit 0 ;; *) exit 1 ;; esac');
      stub('ip', `case " $* " in *" addr show dev tunl0 "*) printf '5: tunl0    inet 10.10.24.88/32 \\n' ;; esac`);
      mkdirSync(join(root, 'state', 'web-tun'), { recursive: true });
      writeFileSync(join(root, 'state', 'web-tun', 'rs1.state'), 'sysctl\tnet.ipv4.conf.all.arp_ignore\t0\n');
      const script = [
        'set -e',
        'for dir in /etc/systemd/network /etc/sysctl.d /etc/modules-load.d; do mount -t tmpfs none "$dir"; done',
        'touch /etc/systemd/network/10-lvscc-eth0.network /etc/systemd/network/10-lvscc-tunl0.network /etc/sysctl.d/zz-lvscc-web-tun.conf /etc/sysctl.d/other.conf',
        `PATH=${bin}:$PATH LVSCC_STATE_DIR=${join(root, 'state')} bash ${join(root, 'teardown.sh')} --dry-run --purge`,
      ].join('\n');
      const r = spawnSync('unshare', ['-rm', 'bash', '-c', script], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.split('\n')).toEqual([
        '+ rm -f -- /etc/systemd/network/10-lvscc-eth0.network',
        '+ rm -f -- /etc/systemd/network/10-lvscc-tunl0.network',
        '+ networkctl reload',
        '+ ip addr del 10.10.24.88/32 dev tunl0',
        '+ sysctl -qw net.ipv4.conf.all.arp_ignore=0',
        '+ rm -f -- /etc/sysctl.d/zz-lvscc-web-tun.conf',
        '+ systemctl daemon-reload',
        '',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
