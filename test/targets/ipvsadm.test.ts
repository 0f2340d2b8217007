// ipvsadm target: the rules file is exactly what `ipvsadm-save -n` (ipvsadm 1.31) prints for the same services.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAddress, type Address } from '../../src/model/address.js';
import type { ResolvedModel } from '../../src/model/resolved.js';
import { inetNtop, ipvsRules } from '../../src/plan/ipvs-rules.js';
import { ipvsadmTarget } from '../../src/targets/ipvsadm.js';
import type { EmittedFile } from '../../src/targets/types.js';
import { iosToken, safeToken, UnsafeTokenError } from '../../src/util/escape.js';
import { contextWith, dedent, resolvedOf } from '../helpers.js';
import { haveTool } from '../real-tools.js';

function modelOf(text: string, fileName = 'test.yaml'): ResolvedModel {
  return resolvedOf(text, fileName).model;
}

function render(model: ResolvedModel, source = 'test.yaml'): { files: EmittedFile[] } {
  const files = ipvsadmTarget.render(contextWith(ipvsadmTarget, model, source));
  // The rules file only; the boot unit is tested on its own below.
  return { files: files.filter((f) => f.path.endsWith('.rules')) };
}

/** A one-director static cluster around the given services (YAML, indented by four spaces). */
function cluster(services: string, extraRealServers = ''): string {
  return dedent(`
    version: 1
    cluster: t
    defaults: { gateway: 10.0.0.1, gateway6: 2001:db8::1 }
    directors:
      lvs: { interfaces: { eth0: { address: [10.0.0.2/24, 2001:db8::2/64] } } }
    realServers:
      rs1: { interfaces: { eth0: { address: [10.0.0.21/24, 2001:db8::21/64] } } }
      rs2: { interfaces: { eth0: { address: [10.0.0.22/24, 2001:db8::22/64] } } }
      rs3: { interfaces: { eth0: { address: [10.0.0.23/24, 2001:db8::23/64] } } }
${extraRealServers}
    services:
${services}
  `);
}

function rulesOf(services: string, extraRealServers = ''): string {
  const { files } = render(modelOf(cluster(services, extraRealServers)));
  expect(files).toHaveLength(1);
  return files[0]!.content;
}

describe('ipvsadm target', () => {
  it('renders the seed cluster as ipvsadm-save -n would print it', () => {
    const model = modelOf(readFileSync('fixtures/seed-tun.yaml', 'utf8'), 'seed-tun.yaml');
    const { files } = render(model, 'seed-tun.yaml');
    expect(files).toEqual([
      {
        host: 'lvs',
        path: 'rootfs/etc/lvscc/web-tun/ipvsadm.rules',
        mode: 0o644,
        target: 'ipvsadm',
        actions: [{ on: 'change', run: ['systemctl', 'reload-or-restart', 'lvscc-web-tun-ipvs.service'] }],
        content: [
          '-A -t 10.10.24.88:80 -s rr',
          '-a -t 10.10.24.88:80 -r 10.10.24.21:80 -i -w 1 --tun-type ipip',
          '-a -t 10.10.24.88:80 -r 10.10.24.22:80 -i -w 1 --tun-type ipip',
          '-a -t 10.10.24.88:80 -r 10.10.24.23:80 -i -w 1 --tun-type ipip',
          '',
        ].join('\n'),
      },
    ]);
  });

  it('loads the services at boot and on reload with the sync script, and deletes exactly these services on stop', () => {
    const model = modelOf(readFileSync('fixtures/seed-tun.yaml', 'utf8'), 'seed-tun.yaml');
    const files = ipvsadmTarget.render(contextWith(ipvsadmTarget, model, 'seed-tun.yaml')).filter((f) => !f.path.endsWith('.rules'));
    expect(files.map((u) => [u.host, u.path, u.mode, u.actions])).toEqual([
      [
        'lvs',
        'rootfs/etc/systemd/system/lvscc-web-tun-ipvs.service',
        0o644,
        [
          { on: 'change', run: ['systemctl', 'daemon-reload'] },
          { on: 'install', run: ['systemctl', 'enable', 'lvscc-web-tun-ipvs.service'] },
        ],
      ],
      ['lvs', 'rootfs/usr/local/lib/lvscc/web-tun/ipvs-sync', 0o755, [{ on: 'change', run: ['systemctl', 'reload-or-restart', 'lvscc-web-tun-ipvs.service'] }]],
    ]);
    const lines = files[0]!.content.split('\n');
    expect(lines.filter((l) => /^(Exec|Timeout|StandardInput)/.test(l))).toEqual([
      'ExecStart=/bin/bash /usr/local/lib/lvscc/web-tun/ipvs-sync',
      'ExecReload=/bin/bash /usr/local/lib/lvscc/web-tun/ipvs-sync',
      // The default drainTimeout (60 s) and a minute more.
      'TimeoutSec=120',
      'ExecStop=-/usr/sbin/ipvsadm -D -t 10.10.24.88:80',
    ]);
    // One diff for apply.sh and the unit: the sync script embeds apply.sh's IPVS kind verbatim.
    const kind = readFileSync('templates/shell/kinds/ipvs.sh', 'utf8').trimEnd();
    expect(files[1]!.content).toContain(kind);
    expect(files[1]!.content).toContain("sync_service '-t 10.10.24.88:80' 60\nipvs_drain\n");
  });

  it.runIf(haveTool('shellcheck'))('ships a sync script that passes shellcheck', () => {
    const model = modelOf(readFileSync('fixtures/seed-tun.yaml', 'utf8'), 'seed-tun.yaml');
    const script = ipvsadmTarget.render(contextWith(ipvsadmTarget, model, 'seed-tun.yaml')).find((f) => f.path.endsWith('/ipvs-sync'))!;
    const r = spawnSync('shellcheck', ['--severity=style', '-'], { input: script.content, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('has no header or comment line: ipvsadm -R would read `#` as an argument', () => {
    const model = modelOf(readFileSync('fixtures/seed-tun.yaml', 'utf8'), 'seed-tun.yaml');
    for (const line of render(model).files[0]!.content.split('\n').filter(Boolean)) expect(line).toMatch(/^-[Aa] /);
  });

  it('emits nothing for a keepalived cluster (ha-dr)', () => {
    const model = modelOf(readFileSync('fixtures/ha-dr.yaml', 'utf8'), 'ha-dr.yaml');
    expect(render(model).files).toEqual([]);
  });

  it('prints udp services with -u and sctp services with --sctp-service', () => {
    expect(
      rulesOf(`
      dns: { vip: 10.0.0.53, protocol: udp, port: 53, scheduler: rr, forwarding: dr, realServers: [rs1, rs2] }
      sig: { vip: 10.0.0.54, protocol: sctp, port: 2905, forwarding: dr, realServers: [rs1] }
      `),
    ).toBe(
      [
        '-A -u 10.0.0.53:53 -s rr',
        '-a -u 10.0.0.53:53 -r 10.0.0.21:53 -g -w 1',
        '-a -u 10.0.0.53:53 -r 10.0.0.22:53 -g -w 1',
        '-A --sctp-service 10.0.0.54:2905 -s wlc',
        '-a --sctp-service 10.0.0.54:2905 -r 10.0.0.21:2905 -g -w 1',
        '',
      ].join('\n'),
    );
  });

  it('prints fwmark services as -f MARK (with -6 for IPv6) and their real servers with port 0', () => {
    expect(
      rulesOf(`
      mark4: { vip: 10.0.0.88, fwmark: 7, persistence: 600, forwarding: dr, realServers: [rs1] }
      mark6: { vip: 2001:db8::88, fwmark: 8, persistence: 600, forwarding: dr, realServers: [rs2] }
      `),
    ).toBe(['-A -f 7 -s wlc -p 600', '-a -f 7 -r 10.0.0.21:0 -g -w 1', '-A -f 8 -6 -s wlc -p 600', '-a -f 8 -6 -r [2001:db8::22]:0 -g -w 1', ''].join('\n'));
  });

  it('brackets IPv6 addresses and prints them as inet_ntop does', () => {
    expect(
      rulesOf(`
      web6: { vip: 2001:db8:0:0:0:0:0:88, port: 443, scheduler: sh, forwarding: dr, realServers: [rs1, rs2] }
      `),
    ).toBe(
      [
        '-A -t [2001:db8::88]:443 -s sh',
        '-a -t [2001:db8::88]:443 -r [2001:db8::21]:443 -g -w 1',
        '-a -t [2001:db8::88]:443 -r [2001:db8::22]:443 -g -w 1',
        '',
      ].join('\n'),
    );
  });

  it('prints persistence with -p, and the netmask with -M only when narrower than one host (dotted for IPv4)', () => {
    expect(
      rulesOf(`
      a: { vip: 10.0.0.80, port: 80, persistence: 300, forwarding: dr, realServers: [rs1] }
      b: { vip: 10.0.0.81, port: 80, persistence: 300, persistenceNetmask: 24, forwarding: dr, realServers: [rs1] }
      c: { vip: 10.0.0.82, port: 80, persistence: 300, persistenceNetmask: 32, forwarding: dr, realServers: [rs1] }
      d: { vip: 2001:db8::80, port: 80, persistence: 60, persistenceNetmask: 64, forwarding: dr, realServers: [rs1] }
      e: { vip: 2001:db8::81, port: 80, persistence: 60, persistenceNetmask: 128, forwarding: dr, realServers: [rs1] }
      `)
        .split('\n')
        .filter((l) => l.startsWith('-A')),
    ).toEqual([
      '-A -t 10.0.0.80:80 -s wlc -p 300',
      '-A -t 10.0.0.81:80 -s wlc -p 300 -M 255.255.255.0',
      '-A -t 10.0.0.82:80 -s wlc -p 300',
      '-A -t [2001:db8::80]:80 -s wlc -p 60 -M 64',
      '-A -t [2001:db8::81]:80 -s wlc -p 60',
    ]);
  });

  it('prints NAT with -m and maps the real-server port', () => {
    const text = cluster(
      `
      web: { vip: 10.0.0.80, port: 80, scheduler: wrr, forwarding: nat, realServers: [{ server: rs1, port: 8080, weight: 5 }, { server: rs2, weight: 0 }] }
      `,
    ).replace(/gateway: 10\.0\.0\.1/, 'gateway: 10.0.0.2');
    expect(render(modelOf(text)).files[0]!.content).toBe(
      ['-A -t 10.0.0.80:80 -s wrr', '-a -t 10.0.0.80:80 -r 10.0.0.21:8080 -m -w 5', '-a -t 10.0.0.80:80 -r 10.0.0.22:80 -m -w 0', ''].join('\n'),
    );
  });

  it('prints tunnel options as ipvsadm 1.31 does: gue with port and checksum, gre with checksum', () => {
    expect(
      rulesOf(`
      gue: { vip: 10.0.0.90, port: 80, forwarding: tun, tunnel: { type: gue, port: 6080 }, realServers: [rs1] }
      guecsum: { vip: 10.0.0.91, port: 80, forwarding: tun, tunnel: { type: gue, port: 6080, checksum: remcsum }, realServers: [rs1] }
      gre: { vip: 10.0.0.92, port: 80, forwarding: tun, tunnel: { type: gre, checksum: csum }, realServers: [rs1] }
      gre0: { vip: 10.0.0.93, port: 80, forwarding: tun, tunnel: { type: gre }, realServers: [rs1] }
      `)
        .split('\n')
        .filter((l) => l.startsWith('-a')),
    ).toEqual([
      // services in name order: gre, gre0, gue, guecsum
      '-a -t 10.0.0.92:80 -r 10.0.0.21:80 -i -w 1 --tun-type gre --tun-csum',
      '-a -t 10.0.0.93:80 -r 10.0.0.21:80 -i -w 1 --tun-type gre --tun-nocsum',
      '-a -t 10.0.0.90:80 -r 10.0.0.21:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-nocsum',
      '-a -t 10.0.0.91:80 -r 10.0.0.21:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-remcsum',
    ]);
  });

  it('lists real servers in ipvsadm-save order (by address, then port), not topology order', () => {
    const rules = rulesOf(
      `
      web: { vip: 10.0.0.80, port: 80, forwarding: dr, realServers: [rs3, rs10, rs1, rs2] }
      `,
      '      rs10: { interfaces: { eth0: 10.0.0.3/24 } }',
    );
    expect(
      rules
        .split('\n')
        .filter((l) => l.startsWith('-a'))
        .map((l) => l.split(' ')[4]),
    ).toEqual(['10.0.0.3:80', '10.0.0.21:80', '10.0.0.22:80', '10.0.0.23:80']);
  });

  it('gives the shell target each service with its key and lines, sorted by service name', () => {
    const model = modelOf(
      cluster(`
      zeta: { vip: 10.0.0.81, port: 443, forwarding: dr, drainTimeout: 60, realServers: [rs2] }
      alpha: { vip: 10.0.0.80, protocol: udp, port: 53, forwarding: dr, realServers: [rs1] }
      `),
    );
    const rules = ipvsRules(model, contextWith(ipvsadmTarget, model).render);
    expect(rules).toEqual([
      { service: 'alpha', key: '-u 10.0.0.80:53', lines: ['-A -u 10.0.0.80:53 -s wlc', '-a -u 10.0.0.80:53 -r 10.0.0.21:53 -g -w 1'], drainTimeout: 60 },
      { service: 'zeta', key: '-t 10.0.0.81:443', lines: ['-A -t 10.0.0.81:443 -s wlc', '-a -t 10.0.0.81:443 -r 10.0.0.22:443 -g -w 1'], drainTimeout: 60 },
    ]);
    // The file is the services' lines, one after another.
    expect(render(model).files[0]!.content).toBe(rules.flatMap((r) => r.lines).join('\n') + '\n');
  });
});

describe('inetNtop', () => {
  const ntop = (text: string): string => inetNtop(parseAddress(text) as Address);
  it.each([
    ['10.0.0.1', '10.0.0.1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['fe80::', 'fe80::'],
    ['::', '::'],
    ['::1', '::1'],
    ['::ffff:10.0.0.1', '::ffff:10.0.0.1'],
    ['::10.0.0.1', '::10.0.0.1'],
    ['1:0:0:2:0:0:3:4', '1::2:0:0:3:4'],
  ])('prints %s as %s (glibc inet_ntop)', (input, expected) => {
    expect(ntop(input)).toBe(expected);
  });
});

describe('safeToken', () => {
  it.each(['', 'a b', 'a\nb', 'a\tb', 'a"b', "a'b", 'a`b', 'a{', 'b}', 'a#b', 'a!b', 'a\u0007b', 'a\u007fb', 'a\\', '$x'])('refuses %j', (value) => {
    expect(() => safeToken(value, 'test')).toThrow(UnsafeTokenError);
    expect(() => iosToken(value, 'test')).toThrow(UnsafeTokenError);
  });
  it('refuses `?` in IOS words only (it asks the CLI for help), not in a URL path', () => {
    expect(safeToken('/healthz?full=1', 'test')).toBe('/healthz?full=1');
    expect(() => iosToken('Gi0/0?', 'test')).toThrow(UnsafeTokenError);
  });
  it('passes words through', () => {
    expect(safeToken('[2001:db8::1]:80', 'test')).toBe('[2001:db8::1]:80');
    expect(safeToken(0, 'test')).toBe('0');
  });
});
