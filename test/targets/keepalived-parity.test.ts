// keepalived target, real-world parity: carried lines at every level, the keyword sets checked against the
// installed keepalived (`keepalived -t` knows each of them at its level), and `keepalived -t` on every output.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keepalivedKeywords, nativeField, nativeKeywords, type KeepalivedLevel } from '../../src/model/keepalived-keywords.js';
import { healthCheckTypes } from '../../src/schema/topology.js';
import { keepalivedTarget } from '../../src/targets/keepalived.js';
import type { EmittedFile } from '../../src/targets/types.js';
import { renderTarget } from '../helpers.js';
import { haveTool, runWithInterfaces } from '../real-tools.js';

/** Every topology of this file by name; `keepalived -t` runs on every file of each. */
const cases: Record<string, string> = {
  'carried lines': 'fixtures/parity/carried-lines.yaml',
  'http content': 'fixtures/parity/http-content.yaml',
  'quorum and flags': 'fixtures/parity/quorum-flags.yaml',
  'alert mail': 'fixtures/parity/alert-mail.yaml',
  'track interfaces': 'fixtures/parity/track-interfaces.yaml',
  'accepted forms': 'fixtures/parity/accepted-forms.yaml',
};

const rendered = new Map<string, EmittedFile[]>();
function filesOf(name: string): EmittedFile[] {
  let files = rendered.get(name);
  // keepalived.conf only: the target also emits the keepalived.service drop-in.
  if (!files)
    rendered.set(
      name,
      (files = renderTarget(keepalivedTarget, readFileSync(cases[name]!, 'utf8'), cases[name]).filter((f) => f.path.endsWith('/keepalived.conf'))),
    );
  return files;
}
const confOf = (name: string, host: string): string => filesOf(name).find((f) => f.host === host)!.content;

describe('alert recipients', () => {
  it('are a notification_email block of global_defs, in the order written, beside the carried SMTP lines', () => {
    for (const host of ['lb1', 'lb2'])
      expect(confOf('alert mail', host)).toMatch(
        /global_defs \{\n(?:.*\n)*? {4}notification_email \{\n {8}lvs-oncall@example\.com\n {8}noc\n {4}\}\n(?:.*\n)*? {4}smtp_server 10\.0\.0\.25\n/,
      );
    expect(confOf('carried lines', 'lb1')).not.toContain('notification_email {');
  });
});

describe('tracked interfaces', () => {
  it('are a track_interface block of the vrrp_instance', () => {
    for (const host of ['lb1', 'lb2'])
      expect(confOf('track interfaces', host)).toMatch(/vrrp_instance lab \{\n(?:.*\n)*? {4}track_interface \{\n {8}eth1\n {4}\}\n/);
    expect(confOf('carried lines', 'lb1')).not.toContain('track_interface');
  });
});

describe('forms keepalived accepts with a defined meaning', () => {
  it('adds a VIP written with its segment prefix with that prefix', () => {
    for (const host of ['lb1', 'lb2']) expect(confOf('accepted forms', host)).toMatch(/virtual_ipaddress \{\n {8}10\.0\.0\.100\/24 dev eth0\n {4}\}/);
  });

  it('writes the 8 characters of a longer VRRP password that keepalived uses', () => {
    for (const host of ['lb1', 'lb2']) {
      expect(confOf('accepted forms', host)).toContain('        auth_pass correcth\n');
      expect(confOf('accepted forms', host)).not.toContain('correcthorse');
    }
  });

  it('writes a DR real server at the service port, as the kernel delivers, whatever port the member sets', () => {
    const conf = confOf('accepted forms', 'lb1');
    expect(conf).toContain('    real_server 10.0.0.22 80 {\n');
    expect(conf).not.toContain('8080');
  });
});

describe('carried keepalived.conf lines', () => {
  it('prints each line as written at its level, in every director’s file', () => {
    for (const host of ['lb1', 'lb2']) {
      const conf = confOf('carried lines', host);
      expect(conf).toMatch(/global_defs \{\n(?:.*\n)*? {4}vrrp_garp_interval 0\.001\n {4}notification_email_from lvs@example\.com\n\}/);
      expect(conf).toMatch(/vrrp_instance lab \{\n(?:.*\n)*? {4}garp_lower_prio_repeat 1\n(?:.*\n)*? {4}virtual_ipaddress \{/);
      expect(conf).toContain('    protocol TCP\n    # carried through from the topology (keepalivedLines), as written\n    virtualhost www.example.com\n');
      expect(conf).toContain('        weight 1\n        uthreshold 1000\n        notify_down "/bin/true down"\n        TCP_CHECK {\n');
      expect(conf.match(/ {12}warmup 5\n/g)).toHaveLength(2);
    }
  });

  it('turns on script security when a carried line runs a script', () => {
    expect(confOf('carried lines', 'lb1')).toContain('    script_user root\n    enable_script_security\n');
    const without = readFileSync(cases['carried lines']!, 'utf8').replace(', \'notify_down "/bin/true down"\'', '');
    expect(renderTarget(keepalivedTarget, without)[0]!.content).not.toContain('enable_script_security');
  });
});

describe('checks of response content and per-server check addressing', () => {
  const checker = (conf: string, server: string): string => {
    const start = conf.indexOf(`    # ${server}\n`);
    return conf.slice(conf.indexOf('HTTP_GET {', start), conf.indexOf('\n        }\n', start));
  };
  it('fetches every URL with its status codes and digest, with the Host header and source address', () => {
    const rs1 = checker(confOf('http content', 'lb1'), 'rs1');
    expect(rs1).toContain('url {\n                path /healthz\n                status_code 200 300-399\n            }\n');
    expect(rs1).toContain(
      'url {\n                path /index.html\n                digest 9b3a0c85a887a256d6939da88aabd8cd\n                status_code 200\n            }\n',
    );
    expect(rs1).toContain('virtualhost www.example.com\n            connect_ip 10.0.9.21\n            connect_port 8080\n            bindto 10.0.0.254\n');
    expect(rs1).not.toContain('delay_loop');
  });
  it("gives a member its own URLs, address and interval over the service's", () => {
    const rs2 = checker(confOf('http content', 'lb2'), 'rs2');
    expect(rs2.match(/url \{/g)).toHaveLength(1);
    expect(rs2).toContain('path /status\n');
    expect(rs2).toContain('connect_ip 10.0.9.22\n');
    expect(rs2).toContain('delay_loop 10\n');
    expect(confOf('http content', 'lb2')).toContain(
      "    # keepalived probes a real server at its checker's connect_ip where one is set below, else at its own address\n",
    );
  });
});

describe('quorum policy and IPVS knobs', () => {
  it('writes the quorum, the scheduler flags, ops, alpha and ha_suspend of each service', () => {
    const conf = confOf('quorum and flags', 'lb1');
    expect(conf).toContain('    lvs_sched sh\n    sh-port\n    sh-fallback\n');
    expect(conf).toContain('    quorum 2\n    hysteresis 1\n    quorum_up /bin/true\n    quorum_down /bin/true\n    omega\n');
    expect(conf).toContain('    alpha\n    # ha_suspend: checks run only on the director that holds the VIP\n    ha_suspend\n');
    expect(conf).toContain('    lvs_sched mh\n    mh-fallback\n    ops\n');
    expect(conf).toContain('    enable_script_security\n');
    expect(confOf('carried lines', 'lb1')).not.toMatch(/^ {4}(quorum|alpha|ops|omega)\b/m);
  });
});

const keepalived = haveTool('keepalived', ['--version']);
const dir = mkdtempSync(join(tmpdir(), 'lvscc-keepalived-parity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `keepalived -t` on `conf`, inside a namespace that has eth0 and eth1 (the tracked interface of a fixture). */
function check(conf: string, name: string): { status: number | null; output: string } {
  const path = join(dir, `${name.replace(/[^A-Za-z0-9]+/g, '-')}.conf`);
  writeFileSync(path, conf);
  const result = runWithInterfaces(['eth0', 'eth1'], 'keepalived', ['-t', '-l', '-f', path]);
  return { status: result.status, output: `${String(result.stdout)}${String(result.stderr)}` };
}

describe.skipIf(!keepalived)('keepalived -t', () => {
  it.each(Object.keys(cases))('accepts every file of %s', (name) => {
    for (const file of filesOf(name)) {
      const result = check(file.content, `${name}-${file.host}`);
      expect(result.status, `${file.host}:\n${result.output}\n${file.content}`).toBe(0);
    }
  });

  /** A file with every keyword of `level` (without values) where keepalived reads it. */
  const probe = (level: KeepalivedLevel, keywords: string[], checker = 'TCP_CHECK'): string => {
    const lines = keywords.map((k) => `  ${k}`).join('\n');
    if (level === 'global_defs') return `global_defs {\n${lines}\n}\n`;
    if (level === 'vrrp_instance') return `vrrp_instance v {\n  interface eth0\n  virtual_router_id 1\n${lines}\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n`;
    if (level === 'virtual_server') return `virtual_server 10.0.0.1 80 {\n${lines}\n  real_server 10.0.0.2 80 {\n  }\n}\n`;
    if (level === 'real_server') return `virtual_server 10.0.0.1 80 {\n  real_server 10.0.0.2 80 {\n${lines}\n  }\n}\n`;
    return `virtual_server 10.0.0.1 80 {\n  real_server 10.0.0.2 80 {\n    ${checker} {\n${lines}\n    }\n  }\n}\n`;
  };
  const CHECKERS = {
    tcp: 'TCP_CHECK',
    http: 'HTTP_GET',
    https: 'SSL_GET',
    udp: 'UDP_CHECK',
    dns: 'DNS_CHECK',
    misc: 'MISC_CHECK',
    smtp: 'SMTP_CHECK',
    ping: 'PING_CHECK',
  } as const;
  const levels: [KeepalivedLevel, string?][] = [
    ['global_defs', ''],
    ['vrrp_instance', ''],
    ['virtual_server', ''],
    ['real_server', ''],
    ...healthCheckTypes.filter((t) => t !== 'none').map((t): [KeepalivedLevel, string] => ['checker', t]),
  ];
  it.each(levels)('knows every keyword lvscc carries in %s %s', (level, checker) => {
    const keywords = [...keepalivedKeywords(level, (checker || undefined) as never)].sort();
    expect(keywords.length).toBeGreaterThan(0);
    const result = check(probe(level, keywords, checker ? CHECKERS[checker as keyof typeof CHECKERS] : undefined), `probe-${level}-${checker ?? ''}`);
    const unknown = [...result.output.matchAll(/Unknown keyword '([^']+)'/g)].map((m) => m[1]);
    expect(unknown, result.output).toEqual([]);
  });

  it('reports an unknown keyword, so the probe above can fail', () => {
    const result = check(probe('virtual_server', ['uthreshold']), 'probe-self-test');
    expect(result.output).toContain("Unknown keyword 'uthreshold'");
  });

  it('names a field for every native keyword, and each is one keepalived reads there', () => {
    for (const [level, checker] of levels) {
      const native = nativeKeywords(level).filter((k) => level !== 'checker' || keepalivedKeywords(level, checker as never).has(k));
      for (const keyword of native) expect(nativeField(level, keyword), `${level} ${keyword}`).toMatch(/`|nothing|name|VIP/);
      if (level !== 'checker')
        expect(
          native.filter((k) => !keepalivedKeywords(level).has(k)),
          level,
        ).toEqual([]);
    }
  });
});
