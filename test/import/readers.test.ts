// The import's readers: keepalived.conf grammar (comments, quotes, includes, definitions, conditionals) with
// located LVS4xx diagnostics, ipvsadm rules and ldirectord.cf, and the mapping of several directors.
import { describe, expect, it } from 'vitest';
import { compareRoundTrip, meaningOf } from '../../src/import/compare.js';
import { importFiles, type ConfigFiles } from '../../src/import/index.js';
import { readKeepalivedConf } from '../../src/import/keepalived-conf.js';
import { groupEntryAddresses } from '../../src/import/net.js';
import { lint } from '../../src/front-end.js';

/** An in-memory file system: path -> text. */
function memory(files: Record<string, string>): ConfigFiles {
  return {
    read: (p) => files[p],
    list: (dir) => {
      const prefix = dir === '.' ? '' : `${dir}/`;
      const names = Object.keys(files)
        .filter((p) => p.startsWith(prefix))
        .map((p) => p.slice(prefix.length).split('/')[0]!);
      return names.length ? [...new Set(names)] : undefined;
    },
  };
}

const service = (vip = '10.0.0.10', extra = '') => `
virtual_server ${vip} 80 {
    delay_loop 5
    lb_algo wrr
    lb_kind DR
${extra}
    real_server 10.0.0.11 80 {
        weight 2
        TCP_CHECK {
            connect_timeout 3
        }
    }
}
`;

describe('keepalived.conf reader', () => {
  it('strips # and ! comments outside quotes and keeps quoted words whole, each word located', () => {
    const parsed = readKeepalivedConf(
      'k.conf',
      memory({ 'k.conf': 'global_defs {\n  router_id "lb one" # comment\n  ! all comment\n  notification_email_from a\\#b\n}\n' }),
    );
    expect(parsed.problems).toEqual([]);
    const words = parsed.statements[0]!.block!.map((s) => s.words.map((w) => w.text));
    expect(words).toEqual([
      ['router_id', 'lb one'],
      ['notification_email_from', 'a#b'],
    ]);
    const id = parsed.statements[0]!.block![0]!.words[1]!;
    expect([id.span.line, id.span.column]).toEqual([2, 13]);
  });

  it('reads includes relative to the including file, with globs and braces, in sorted order', () => {
    const files = memory({
      'etc/keepalived.conf': 'include conf.d/{b,a}*.conf\n',
      'etc/conf.d/a1.conf': service('10.0.0.10'),
      'etc/conf.d/b1.conf': service('10.0.0.20'),
      'etc/conf.d/c1.conf': service('10.0.0.30'),
    });
    const result = importFiles(['etc/keepalived.conf'], files);
    expect(result.problems).toEqual([]);
    expect(result.directors[0]!.virtualServers.map((v) => v.address)).toEqual(['10.0.0.10', '10.0.0.20']);
    expect(result.sources.map((s) => s.name)).toEqual(['etc/keepalived.conf', 'etc/conf.d/a1.conf', 'etc/conf.d/b1.conf']);
  });

  it('warns (LVS402) at an include that matches nothing, and refuses (LVS403) includes nested too deep', () => {
    const missing = readKeepalivedConf('k.conf', memory({ 'k.conf': '\ninclude nothing/*.conf\n' }));
    expect(missing.problems.map((p) => [p.code, p.severity, p.span?.line, p.span?.column])).toEqual([['LVS402', 'warning', 2, 9]]);
    const loop = readKeepalivedConf('k.conf', memory({ 'k.conf': 'include k.conf\n' }));
    expect(loop.problems.map((p) => p.code)).toEqual(['LVS403']);
  });

  it('expands $NAME and ${NAME} definitions, multi-line ones as several lines', () => {
    const text = '$VIP=10.0.0.10\n$RS=real_server 10.0.0.11 80 { \\\n  weight 3 \\\n}\nvirtual_server ${VIP} 80 {\n  lb_kind DR\n  $RS\n}\n';
    const result = importFiles(['k.conf'], memory({ 'k.conf': text }));
    expect(result.problems).toEqual([]);
    const vs = result.directors[0]!.virtualServers[0]!;
    expect([vs.address, vs.realServers[0]!.address, vs.realServers[0]!.weight]).toEqual(['10.0.0.10', '10.0.0.11', 3]);
    // the expanded words are located at the reference
    expect(vs.realServers[0]!.span.line).toBe(7);
  });

  it('keeps `@id` lines only for that config id and `@^id` lines only for others', () => {
    const text = `${service()}\nvrrp_instance VI {\n  interface eth0\n  virtual_router_id 5\n@lb1  priority 150\n@^lb1 priority 100\n}\n`;
    const lb1 = importFiles(['k.conf'], memory({ 'k.conf': text }), { configId: 'lb1' });
    const other = importFiles(['k.conf'], memory({ 'k.conf': text }));
    expect(lb1.directors[0]!.vrrp[0]!.priority).toBe(150);
    expect(other.directors[0]!.vrrp[0]!.priority).toBe(100);
  });

  it('locates unbalanced braces (LVS405), bad values (LVS406) and ~SEQ (LVS404), and writes no topology', () => {
    const unclosed = importFiles(['k.conf'], memory({ 'k.conf': 'virtual_server 10.0.0.1 80 {\n  lb_kind DR\n' }));
    expect(unclosed.problems.map((p) => [p.code, p.span?.line, p.span?.column])).toContainEqual(['LVS405', 1, 28]);
    expect(unclosed.yaml).toBeUndefined();
    const extra = readKeepalivedConf('k.conf', memory({ 'k.conf': 'global_defs {\n}\n}\n' }));
    expect(extra.problems.map((p) => [p.code, p.span?.line])).toEqual([['LVS405', 3]]);
    const bad = importFiles(['k.conf'], memory({ 'k.conf': service('10.0.0.10', '    lb_kind XYZ') }));
    expect(bad.problems.map((p) => [p.code, p.severity, p.span?.line, p.span?.column])).toEqual([['LVS406', 'error', 6, 13]]);
    const seq = readKeepalivedConf('k.conf', memory({ 'k.conf': '~SEQ(n, 1, 3) x\n' }));
    expect(seq.problems.map((p) => p.code)).toEqual(['LVS404']);
  });

  it('refuses files without a virtual server (LVS409)', () => {
    const result = importFiles(['k.conf'], memory({ 'k.conf': 'vrrp_instance VI {\n  virtual_router_id 5\n}\n' }));
    expect(result.problems.map((p) => p.code)).toEqual(['LVS409']);
  });
});

describe('ipvsadm and ldirectord readers', () => {
  it('reads ipvsadm-save output and ipvsadm scripts alike, and locates a bad option (LVS407)', () => {
    const save = '-A -t 10.0.0.10:80 -s wrr -p 300\n-a -t 10.0.0.10:80 -r 10.0.0.11:80 -g -w 3\n';
    const script = '#!/bin/sh\nipvsadm -C\n/sbin/ipvsadm -A -t 10.0.0.10:80 -s wrr -p\nipvsadm -a -t 10.0.0.10:80 -r 10.0.0.11 -g -w 3\n';
    const a = importFiles(['rules'], memory({ rules: save }));
    const b = importFiles(['rules'], memory({ rules: script }));
    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual([]);
    expect(a.directors[0]!.virtualServers[0]!.persistence).toBe(300);
    expect(b.directors[0]!.virtualServers[0]!.persistence).toBe(300);
    expect(a.directors[0]!.virtualServers[0]!.realServers[0]!.weight).toBe(3);
    const bad = importFiles(['rules'], memory({ rules: '-A -t 10.0.0.10:80 -s wrr\n-a -t 10.0.0.10:80 -r 10.0.0.11:80 --bogus\n' }));
    expect(bad.problems.map((p) => [p.code, p.span?.line, p.span?.column])).toEqual([['LVS407', 2, 36]]);
  });

  it('reads ldirectord.cf with its defaults (quiescent: weight 0 on failure) and locates a bad line (LVS408)', () => {
    const cf =
      'checktimeout=3\ncheckinterval=5\nvirtual=10.0.0.10:80\n\treal=10.0.0.11:80 gate 2\n\tservice=http\n\trequest="health"\n\treceive="ok"\n\tscheduler=rr\n';
    const result = importFiles(['ldirectord.cf'], memory({ 'ldirectord.cf': cf }));
    expect(result.problems).toEqual([]);
    const rs = result.directors[0]!.virtualServers[0]!.realServers[0]!;
    expect([rs.weight, rs.inhibitOnFailure, rs.checks[0]!.type, rs.checks[0]!.urls[0]!.path, rs.checks[0]!.timeout, rs.checks[0]!.interval]).toEqual([
      2,
      true,
      'http',
      '/health',
      3,
      5,
    ]);
    expect(result.report.some((e) => e.status === 'dropped' || e.status === 'native')).toBe(true);
    const bad = importFiles(['ldirectord.cf'], memory({ 'ldirectord.cf': 'virtual=10.0.0.10:80\n\treal 10.0.0.11:80 gate\n' }));
    expect(bad.problems.map((p) => [p.code, p.span?.line])).toEqual([['LVS408', 2]]);
  });
});

describe('ldirectord options without a counterpart', () => {
  it("reports each as lost with ldirectord's reason at its own line, hides passwords, and maps virtualhost", () => {
    const cf = [
      'logfile=/var/log/ldirectord.log',
      'emailalert="ops@example.com"',
      'virtual=10.0.0.10:3306',
      '\treal=10.0.0.11:3306 gate',
      '\tservice=mysql',
      '\tlogin="monitor"',
      '\tpasswd="s3cret"',
      'virtual=10.0.0.10:80',
      '\treal=10.0.0.11:80 gate',
      '\tservice=http',
      '\tvirtualhost=www.example.com',
      '\treceive="ok"',
      '\tfrobnicate=yes',
      '',
    ].join('\n');
    const result = importFiles(['ldirectord.cf'], memory({ 'ldirectord.cf': cf }));
    expect(result.problems).toEqual([]);
    const dropped = result.report.filter((e) => e.status === 'dropped').map((e) => [e.what, e.at, e.reason?.split(';')[0]]);
    expect(dropped).toEqual([
      ['login monitor', 'ldirectord.cf:6:2', "ldirectord's negotiate check of a database logs in and runs a query"],
      ['passwd (hidden)', 'ldirectord.cf:7:2', "ldirectord's negotiate check of a database logs in and runs a query"],
      ['receive ok', 'ldirectord.cf:12:2', 'ldirectord also wanted this text in the response'],
      ['frobnicate yes', 'ldirectord.cf:13:2', 'frobnicate is not an option the import knows in ldirectord(8), and not in the topology format'],
      ['logfile /var/log/ldirectord.log', 'ldirectord.cf:1:1', 'a setting of the ldirectord daemon itself'],
    ]);
    expect(JSON.stringify({ yaml: result.yaml, report: result.report })).not.toContain('s3cret');
    expect(result.yaml).toContain('alertRecipients:\n  - ops@example.com');
    expect(result.report.every((e) => !e.reason?.startsWith('keepalived does not read'))).toBe(true);
    expect(result.yaml).toContain('virtualHost: www.example.com');
  });
});

describe('forms found in the real corpus', () => {
  it('reads ipvsadm lines run through sudo, and skips the other commands of the script', () => {
    const script =
      '#!/bin/env bash\nsudo ip addr add 10.0.0.10 dev eth1\nsudo ipvsadm -A -t 10.0.0.10:80 -s rr\nsudo /sbin/ipvsadm -a -t 10.0.0.10:80 -r 10.0.0.2 -g\n';
    const result = importFiles(['ds.sh'], memory({ 'ds.sh': script }));
    expect(result.problems).toEqual([]);
    expect(result.directors[0]!.source).toBe('ipvsadm');
    expect(result.directors[0]!.virtualServers.map((v) => [v.key, v.scheduler, v.realServers.map((r) => r.address)])).toEqual([
      ['tcp 10.0.0.10:80', 'rr', ['10.0.0.2']],
    ]);
  });

  it('reads ldirectord ports written as service names, and refuses an unknown name (LVS408)', () => {
    const cf = 'virtual=10.0.16.2:www\n\treal=10.0.96.112:www gate 100\n\tservice=http\n\tscheduler=wrr\n';
    const result = importFiles(['ldirectord.cf'], memory({ 'ldirectord.cf': cf }));
    expect(result.problems).toEqual([]);
    const vs = result.directors[0]!.virtualServers[0]!;
    expect([vs.key, vs.realServers[0]!.port, vs.realServers[0]!.weight]).toEqual(['tcp 10.0.16.2:80', 80, 100]);
    const bad = importFiles(['ldirectord.cf'], memory({ 'ldirectord.cf': 'virtual=10.0.16.2:nosuchservice\n\treal=10.0.96.112 gate\n' }));
    expect(bad.problems.map((p) => [p.code, p.span?.line])).toEqual([
      ['LVS408', 1],
      ['LVS408', 2],
    ]);
  });

  it('maps NAT pools of both families without mixing their segments (no exception), and lints clean', () => {
    const pool = (vip: string, rs: string) =>
      `virtual_server ${vip} 80 {\n  lb_kind NAT\n  real_server ${rs} 80 {\n    TCP_CHECK {\n      connect_timeout 3\n    }\n  }\n}\n`;
    const conf = `vrrp_instance VI_1 {\n  interface eth2\n  virtual_router_id 1\n  virtual_ipaddress {\n    1.1.1.15/24 dev eth0\n    2001:db8::15/64 dev eth0\n  }\n}\n${pool('1.1.1.15', '192.168.1.10')}${pool('2001:db8::15', 'fd00::10')}`;
    const result = importFiles(['k.conf'], memory({ 'k.conf': conf }));
    expect(result.problems).toEqual([]);
    expect(result.lint.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('guesses a DR fwmark VIP on its real servers’ segment and keeps the members’ ports, which DR ignores (LVS210 warns)', () => {
    const cf = 'virtual=3\n\treal=18.4.86.167:25 gate 4096\n\treal=18.4.86.228:25 gate 1024\n\tservice=http\n\tcheckport=80\n\tscheduler=wlc\n\tprotocol=fwm\n';
    const result = importFiles(['ldirectord.cf'], memory({ 'ldirectord.cf': cf }));
    expect(result.lint.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.yaml).toMatch(/vip: 18\.4\.86\.\d+ # guessed: the files name no address for this fwmark service/);
    expect(result.report.filter((e) => e.status === 'dropped' && e.what.startsWith('real_server'))).toEqual([]);
    expect(result.yaml?.match(/port: 25/g)).toHaveLength(2);
    expect(result.lint.filter((d) => d.code === 'LVS210').map((d) => d.severity)).toEqual(['warning', 'warning']);
  });

  it('checks a TCP service that had a DNS check by TCP connect, and says so', () => {
    const cf = 'virtual=10.0.16.1:domain\n\treal=10.0.240.8:domain gate 1\n\tservice=dns\n\tchecktype=negotiate\n\trequest="a.example"\n\tprotocol=tcp\n';
    const result = importFiles(['ldirectord.cf'], memory({ 'ldirectord.cf': cf }));
    expect(result.lint.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.yaml).toMatch(/type: tcp/);
    expect(result.report.find((e) => e.what === 'dns check of tcp 10.0.16.1:53')?.status).toBe('dropped');
  });
});

describe('quorum policy', () => {
  it('fills quorum, hysteresis, quorum_up/down and omega into `quorum`, alpha and ha_suspend into the check', () => {
    const extra =
      '    quorum 2\n    hysteresis 1\n    quorum_up /usr/local/sbin/up.sh\n    quorum_down "/usr/local/sbin/down.sh now"\n    omega\n    alpha\n    ha_suspend\n';
    const result = importFiles(['k.conf'], memory({ 'k.conf': service('10.0.0.10', extra).replace('weight 2', 'weight 3') }));
    expect(result.problems).toEqual([]);
    const topology = lint(result.yaml!, { fileName: 'imported.yaml' });
    expect(topology.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.yaml).toMatch(/quorum:\n\s+minimumWeight: 2\n\s+hysteresis: 1\n\s+onUp: \/usr\/local\/sbin\/up\.sh\n\s+runOnStop: true/);
    expect(result.yaml).toMatch(/startDown: true/);
    expect(result.yaml).toMatch(/suspendOnBackup: true/);
    expect(result.report.filter((e) => e.status === 'dropped').map((e) => e.what)).toEqual(['quorum_down /usr/local/sbin/down.sh now']);
  });

  it("states keepalived's quorum 1 when only hysteresis or the scripts are given", () => {
    const result = importFiles(['k.conf'], memory({ 'k.conf': service('10.0.0.10', '    hysteresis 1\n') }));
    expect(result.yaml).toMatch(/quorum:\n\s+minimumWeight: 1\n\s+hysteresis: 1/);
  });
});

describe('e-mail alerts', () => {
  it('reads notification_email into alertRecipients, which round-trips, and drops an address the format refuses', () => {
    const conf = `global_defs {\n  notification_email {\n    ops@example.com\n    acassen\n    "two words"\n  }\n  smtp_server 10.0.0.25\n}\n${service()}`;
    const files = memory({ 'k.conf': conf });
    const result = importFiles(['k.conf'], files);
    expect(result.yaml).toMatch(/alertRecipients:\n {2}- ops@example\.com\n {2}- acassen\n/);
    expect(result.report.filter((e) => e.status === 'dropped').map((e) => e.what)).toEqual(['notification_email two words']);
    expect(result.lint.filter((d) => d.code === 'LVS273')).toEqual([]);
    const trip = compareRoundTrip(['k.conf'], files);
    expect(trip.differences.map((d) => [d.path, d.original, d.rebuilt])).toEqual([['alertRecipients', 'two words', '(absent)']]);
  });
});

describe('tracked interfaces', () => {
  it('reads track_interface of the VRRP interface natively and drops the others and weighted ones, saying why', () => {
    const conf = `vrrp_instance VI_1 {\n  interface eth1\n  track_interface {\n    eth1\n    eth3\n    eth2 weight 20\n  }\n  virtual_router_id 33\n  virtual_ipaddress {\n    10.0.0.10\n  }\n}\n${service()}`;
    const result = importFiles(['k.conf'], memory({ 'k.conf': conf }));
    expect(result.problems).toEqual([]);
    expect(result.lint.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.yaml).toMatch(/trackInterfaces:\n\s+- eth1\n/);
    expect(result.report.filter((e) => e.status === 'dropped').map((e) => e.what)).toEqual(['track_interface eth3', 'track_interface eth2 weight 20']);
  });

  it("reports a VIP entry's label and other address options as dropped, at the option, saying why", () => {
    const conf = `vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 33\n  virtual_ipaddress {\n    10.0.0.10 dev eth0 label eth0:1\n    10.0.0.11 dev eth0 scope link label eth0:2\n    10.0.0.12 dev eth0\n  }\n}\n${service()}`;
    const result = importFiles(['k.conf'], memory({ 'k.conf': conf }));
    expect(result.problems).toEqual([]);
    const dropped = result.report.filter((e) => e.status === 'dropped').map((e) => [e.what, e.at, e.reason]);
    expect(dropped).toEqual([
      ['10.0.0.10 label eth0:1', 'k.conf:5:24', 'a label only names the address for ifconfig (eth0:1); lvscc adds it without one'],
      [
        '10.0.0.11 scope link label eth0:2',
        'k.conf:6:24',
        "a label only names the address for ifconfig (eth0:2); lvscc adds it without one; keepalived's address options scope link are not in the topology format: lvscc adds the address with its prefix only",
      ],
    ]);
  });
});

describe('mapping several directors', () => {
  const lb = (priority: number, state: string, own: string, peer: string) =>
    `global_defs {\n  router_id lb${priority}\n}\nvrrp_instance VI {\n  state ${state}\n  interface eth0\n  virtual_router_id 51\n  priority ${priority}\n  unicast_src_ip ${own}\n  unicast_peer {\n    ${peer}\n  }\n  virtual_ipaddress {\n    10.0.0.10\n  }\n}\n${service()}`;
  const files = memory({ 'a.conf': lb(150, 'MASTER', '10.0.0.2', '10.0.0.3'), 'b.conf': lb(100, 'BACKUP', '10.0.0.3', '10.0.0.2') });

  it('makes one topology of two directors matched by virtual_router_id, which lints without errors and round-trips', () => {
    const result = importFiles(['a.conf', 'b.conf'], files);
    expect(result.problems).toEqual([]);
    expect(lint(result.yaml!).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.yaml).toContain('lb150:');
    expect(result.yaml).toContain('eth0: 10.0.0.2/24 # from unicast_src_ip; the prefix length is guessed');
    const comparison = compareRoundTrip(['a.conf', 'b.conf'], files);
    expect(comparison.differences).toEqual([]);
  });

  it('finds a difference of meaning when the build would change one (the comparator can fail)', () => {
    // A weighted track_interface (a priority change, not FAULT) is dropped by the import: the round trip must show it.
    const changed = memory({
      'a.conf': lb(150, 'MASTER', '10.0.0.2', '10.0.0.3').replace(
        '  virtual_ipaddress {',
        '  track_interface {\n    eth0 weight 20\n  }\n  virtual_ipaddress {',
      ),
    });
    const comparison = compareRoundTrip(['a.conf'], changed);
    expect(comparison.differences.map((d) => `${d.path}: ${d.original} -> ${d.rebuilt}`)).toContain(
      'vrrp / virtual_router_id 51 on eth0 / trackInterfaces: eth0 weight 20 -> (absent)',
    );
  });

  it('warns (LVS410) when two directors define one virtual server differently', () => {
    const other = memory({ 'a.conf': service(), 'b.conf': service().replace('lb_algo wrr', 'lb_algo rr') });
    const result = importFiles(['a.conf', 'b.conf'], other);
    expect(result.problems.map((p) => [p.code, p.severity, p.span?.file, p.span?.line])).toEqual([['LVS410', 'warning', 'b.conf', 2]]);
  });
});

describe('an unreadable file', () => {
  it('is LVS401, an error naming the path', () => {
    const { problems } = readKeepalivedConf('missing.conf', memory({}));
    expect(problems.map((p) => [p.code, p.message])).toEqual([['LVS401', 'cannot read missing.conf']]);
  });
});

describe('virtual servers without real servers', () => {
  const empty = `virtual_server 10.0.0.10 8080 {\n    lb_algo rr\n    lb_kind DR\n    sorry_server 10.0.0.50 8080\n}\n`;

  it('imports an empty keepalived virtual server as `realServers: []` (LVS275 warns), which keepalived and lvscc both skip', () => {
    const files = memory({ 'k.conf': `${service()}${empty}` });
    const result = importFiles(['k.conf'], files);
    expect(result.problems).toEqual([]);
    expect(result.lint.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.lint.filter((d) => d.code === 'LVS275').map((d) => d.severity)).toEqual(['warning']);
    expect(result.yaml).toMatch(/tcp-10\.0\.0\.10-8080:\n(?: {4}.*\n)*? {4}realServers: \[\]\n/);
    expect(result.report.filter((e) => e.status === 'dropped')).toEqual([]);
    expect(compareRoundTrip(['k.conf'], files).differences).toEqual([]);
  });

  it('keeps an ipvsadm service without destinations, which the rebuilt rules hold too (the comparator can fail)', () => {
    const rules = '-A -t 10.0.0.10:80 -s wrr\n-a -t 10.0.0.10:80 -r 10.0.0.11:80 -g -w 3\n-A -t 10.0.0.10:8080 -s rr\n';
    expect(compareRoundTrip(['rules'], memory({ rules })).differences).toEqual([]);
    // An ipvsadm original's empty service is a service of its meaning; a keepalived original's is not.
    const services = (path: string, text: string) => Object.keys(meaningOf(importFiles([path], memory({ [path]: text })).directors[0]!).services as object);
    expect(services('rules', rules)).toHaveLength(2);
    expect(services('k.conf', `${service()}${empty}`)).toHaveLength(1);
  });
});

describe('virtual_server_group', () => {
  it("reads keepalived's entry forms, one address each: A, A-N (IPv6 in hex), A-B and A/LEN", () => {
    expect(groupEntryAddresses('10.0.0.1')).toEqual(['10.0.0.1']);
    expect(groupEntryAddresses('10.0.0.3-5')).toEqual(['10.0.0.3', '10.0.0.4', '10.0.0.5']);
    expect(groupEntryAddresses('2001:db8::9-b')).toEqual(['2001:db8::9', '2001:db8::a', '2001:db8::b']);
    expect(groupEntryAddresses('10.0.0.254-10.0.1.1')).toEqual(['10.0.0.254', '10.0.0.255', '10.0.1.0', '10.0.1.1']);
    expect(groupEntryAddresses('10.0.0.8/30')).toEqual(['10.0.0.8', '10.0.0.9', '10.0.0.10', '10.0.0.11']);
  });

  it('says why keepalived skips an entry, and refuses one of more than 256 addresses', () => {
    expect(groupEntryAddresses('10.0.0.9/30')).toBe('its host bits are not zero');
    expect(groupEntryAddresses('10.0.0.5-3')).toBe('the range end is not above its start');
    expect(groupEntryAddresses('10.0.0.5-256')).toBe('the range end is not above its start');
    expect(groupEntryAddresses('2001:db8::1-2001:db9::2')).toBe('keepalived steps an IPv6 range through its last group only');
    expect(groupEntryAddresses('10.0.0.0/16')).toBe('it stands for 65536 addresses, more than the 256 services the import writes for one entry');
  });

  const group = (entries: string, extra = '') =>
    `virtual_server_group G {\n${entries}\n}\nvirtual_server group G {\n    lb_algo rr\n    lb_kind DR\n    protocol TCP\n    real_server 10.0.0.11 80 {\n        weight 1\n        TCP_CHECK {\n            connect_timeout 3\n        }\n    }\n}\n${extra}`;

  it('expands a group into one service per entry address, each saying so, and the round trip means the same', () => {
    const files = memory({ 'k.conf': group('    10.0.0.10-11 80\n    2001:db8::a 80') });
    const result = importFiles(['k.conf'], files);
    expect(result.problems).toEqual([]);
    expect(result.report.filter((e) => e.status === 'native').map((e) => e.what)).toEqual([
      'virtual_server tcp 10.0.0.10:80 (virtual_server_group G)',
      'virtual_server tcp 10.0.0.11:80 (virtual_server_group G)',
      'virtual_server tcp [2001:db8::a]:80 (virtual_server_group G)',
    ]);
    expect(result.yaml!.match(/# one entry of virtual_server_group G/g)).toHaveLength(3);
    expect(compareRoundTrip(['k.conf'], files).differences).toEqual([]);
  });

  it("gives each entry its own family: an address's, or a fwmark's `inet6`", () => {
    const result = importFiles(['k.conf'], memory({ 'k.conf': group('    10.0.0.10 80\n    2001:db8::a 80\n    fwmark 5 inet6\n    fwmark 6') }));
    expect(result.directors[0]!.virtualServers.map((vs) => [vs.key, vs.family])).toEqual([
      ['tcp 10.0.0.10:80', 4],
      ['tcp [2001:db8::a]:80', 6],
      ['fwmark 5 inet6', 6],
      ['fwmark 6', 4],
    ]);
  });

  it('warns (LVS410) at a service a group entry overlaps, and locates a bad entry (LVS406)', () => {
    const overlap = importFiles(['k.conf'], memory({ 'k.conf': group('    10.0.0.9-10 80', service()) }));
    expect(overlap.problems.map((p) => [p.code, p.severity, p.span?.line, p.message])).toEqual([
      [
        'LVS410',
        'warning',
        16,
        'virtual server tcp 10.0.0.10:80 is defined twice in k.conf (in virtual_server_group G and as a virtual_server): IPVS has one service per address and port',
      ],
    ]);
    const bad = importFiles(['k.conf'], memory({ 'k.conf': group('    10.0.0.9/30 80') }));
    expect(bad.problems.map((p) => [p.code, p.span?.line, p.span?.column])).toEqual([['LVS406', 2, 5]]);
  });
});
