// keepalived target: content of each director's keepalived.conf, and the real `keepalived -t` on every one of them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ResolvedModel } from '../../src/model/resolved.js';
import { keepalivedTarget } from '../../src/targets/keepalived.js';
import type { EmittedFile } from '../../src/targets/types.js';
import { UnsafeTokenError } from '../../src/util/escape.js';
import { contextWith, dedent, resolvedOf } from '../helpers.js';

function modelOf(text: string, fileName = 'test.yaml'): ResolvedModel {
  return resolvedOf(text, fileName).model;
}

function contextOf(model: ResolvedModel, source = 'test.yaml') {
  return contextWith(keepalivedTarget, model, source);
}

/** The keepalived.conf files (the planned-stop drop-in is tested on its own, in keepalived-stop.test.ts). */
function render(model: ResolvedModel, source = 'test.yaml'): EmittedFile[] {
  return keepalivedTarget.render(contextOf(model, source)).filter((f) => f.path.endsWith('/keepalived.conf'));
}

/**
 * A keepalived cluster on 10.0.0.0/24 and 2001:db8::/64. Interfaces are all `eth0` because `keepalived -t`
 * refuses interfaces that do not exist on the machine running the test.
 */
function cluster(options: { vrrp?: string; directors?: string; services: string; realServers?: string }): string {
  return dedent(`
    version: 1
    cluster: lab
    manager: keepalived
    defaults: { gateway: 10.0.0.1, gateway6: 2001:db8::1 }
${options.vrrp ?? '    vrrp: { virtualRouterId: 42, interface: eth0 }'}
    directors:
${options.directors ?? '      lb1: { interfaces: { eth0: { address: [10.0.0.2/24, 2001:db8::2/64] } }, priority: 100 }\n      lb2: { interfaces: { eth0: { address: [10.0.0.3/24, 2001:db8::3/64] } }, priority: 200 }'}
    realServers:
      rs1: { interfaces: { eth0: { address: [10.0.0.21/24, 2001:db8::21/64] } } }
      rs2: { interfaces: { eth0: { address: [10.0.0.22/24, 2001:db8::22/64] } } }
${options.realServers ?? ''}
    services:
${options.services}
  `);
}

/** Every topology of this file; the last describe block runs `keepalived -t` on every file each one produces. */
const cases: Record<string, { text: string; source: string }> = {
  'ha-dr': { text: readFileSync('fixtures/ha-dr.yaml', 'utf8'), source: 'ha-dr.yaml' },
  'seed-tun under keepalived': {
    text: readFileSync('fixtures/seed-tun.yaml', 'utf8').replace('cluster: web-tun', 'cluster: web-tun\nmanager: keepalived'),
    source: 'seed-tun.yaml',
  },
  password: {
    text: cluster({
      vrrp: '    vrrp: { virtualRouterId: 42, interface: eth0, authPassword: s3cret, advertInterval: 2 }',
      services: '      web: { vip: 10.0.0.80, port: 80, forwarding: dr, realServers: [rs1, rs2] }',
    }),
    source: 'test.yaml',
  },
  'http, https, sorry server, udp and NAT': {
    text: cluster({
      vrrp: '    vrrp: { virtualRouterId: 42, interface: eth0, gatewayAddress: 10.0.0.1/24 }',
      services: [
        '      web: { vip: 10.0.0.80, port: 80, scheduler: wlc, forwarding: dr, sorryServer: { address: 10.0.0.99 },',
        '             healthCheck: { type: http, path: /healthz?full=1, expectStatus: 204, timeout: 2, interval: 10, retries: 3 },',
        '             realServers: [rs1, { server: rs2, weight: 0 }] }',
        '      tls: { vip: 10.0.0.81, port: 443, forwarding: dr, healthCheck: { type: https, port: 8443, retries: 0 }, realServers: [rs1, rs2] }',
        '      dns: { vip: 10.0.0.53, protocol: udp, port: 53, scheduler: rr, forwarding: nat, healthCheck: { type: dns, queryName: example.com, queryType: A },',
        '             realServers: [{ server: rs1, port: 5353 }, rs2] }',
      ].join('\n'),
    }),
    source: 'test.yaml',
  },
  'tunnels, fwmark and persistence': {
    text: cluster({
      services: [
        '      gue: { vip: 10.0.0.90, port: 80, forwarding: tun, tunnel: { type: gue, port: 6080, checksum: csum }, persistence: 300, persistenceNetmask: 24, realServers: [rs1] }',
        '      gre: { vip: 10.0.0.91, port: 80, forwarding: tun, tunnel: { type: gre }, realServers: [rs1] }',
        '      ipip: { vip: 10.0.0.92, port: 80, forwarding: tun, realServers: [rs1] }',
        '      mark: { vip: 10.0.0.93, fwmark: 7, persistence: 600, forwarding: dr, healthCheck: { type: tcp, port: 80 }, realServers: [rs1, rs2] }',
        '      mark6: { vip: 2001:db8::93, fwmark: 8, persistence: 600, persistenceNetmask: 64, forwarding: dr, realServers: [rs1] }',
      ].join('\n'),
    }),
    source: 'test.yaml',
  },
  'dual stack': {
    text: cluster({
      vrrp: '    vrrp: { virtualRouterId: 42, interface: eth0, authPassword: s3cret }',
      services: [
        '      web: { vip: 10.0.0.80, port: 80, forwarding: dr, realServers: [rs1] }',
        '      web6: { vip: 2001:db8::80, port: 80, forwarding: dr, healthCheck: { type: tcp }, realServers: [rs1, rs2] }',
      ].join('\n'),
    }),
    source: 'test.yaml',
  },
  'IPv6 only with a password': {
    text: cluster({
      vrrp: '    vrrp: { virtualRouterId: 42, interface: eth0, authPassword: s3cret }',
      services: '      web6: { vip: 2001:db8::80, port: 443, forwarding: dr, persistence: 60, realServers: [rs1, rs2] }',
    }),
    source: 'test.yaml',
  },
  'NAT gateway address': {
    text: cluster({
      vrrp: '    vrrp: { virtualRouterId: 42, interface: eth0, gatewayAddress: 10.0.0.1/24 }',
      services: '      web: { vip: 10.0.0.80, port: 80, forwarding: nat, realServers: [{ server: rs1, port: 8080 }] }',
    }),
    source: 'test.yaml',
  },
  'one director without vrrp': {
    text: cluster({
      vrrp: '',
      directors: '      lb1: { interfaces: { eth0: { address: [10.0.0.2/24, 2001:db8::2/64] } } }',
      services: [
        '      web: { vip: 10.0.0.80, port: 80, forwarding: dr, realServers: [rs1] }',
        '      web6: { vip: 2001:db8::80, port: 80, forwarding: dr, realServers: [rs2] }',
      ].join('\n'),
    }),
    source: 'test.yaml',
  },
};

cases['unicast, preemption and checks for udp, scripts and mail'] = {
  text: cluster({
    vrrp: '    vrrp: { virtualRouterId: 42, interface: eth0, gatewayAddress: 10.0.0.1/24, unicast: true, preempt: true, preemptDelay: 30, garp: { refresh: 30, refreshRepeat: 1 } }',
    directors: [
      '      lb1: { interfaces: { eth0: { address: [10.0.0.2/24, 2001:db8::2/64] } }, priority: 100 }',
      '      lb2: { interfaces: { eth0: { address: [10.0.0.3/24, 2001:db8::3/64] } }, priority: 200 }',
      '      lb3: { interfaces: { eth0: { address: [10.0.0.4/24, 2001:db8::4/64] } }, priority: 150 }',
    ].join('\n'),
    services: [
      '      dns: { vip: 10.0.0.53, protocol: udp, port: 53, forwarding: dr, realServers: [rs1, rs2],',
      '             healthCheck: { type: dns, queryName: example.com., queryType: AAAA, timeout: 2, retries: 2, delayBeforeRetry: 1 } }',
      '      syslog: { vip: 10.0.0.54, protocol: udp, port: 514, forwarding: dr, realServers: [rs1], healthCheck: { type: udp, inhibitOnFailure: false } }',
      '      radius: { vip: 10.0.0.55, protocol: udp, port: 1812, forwarding: nat, realServers: [{ server: rs1, port: 11812 }],',
      '                healthCheck: { type: misc, script: /usr/local/lib/lvscc/check-radius, timeout: 4, retries: 0 } }',
      '      marked: { vip: 10.0.0.56, fwmark: 11, persistence: 60, forwarding: dr, realServers: [rs2], healthCheck: { type: misc, script: /usr/local/bin/check_marked } }',
      '      smtp: { vip: 10.0.0.25, port: 25, forwarding: dr, realServers: [rs1], healthCheck: { type: smtp, delayBeforeRetry: 5 } }',
      '      sctp: { vip: 10.0.0.57, protocol: sctp, port: 3868, forwarding: dr, realServers: [rs2], healthCheck: { type: ping } }',
    ].join('\n'),
  }),
  source: 'test.yaml',
};
cases['unicast over IPv6, no connection sync'] = {
  text: cluster({
    vrrp: '    vrrp: { virtualRouterId: 42, interface: eth0, unicast: true, connectionSync: false }',
    services: '      web6: { vip: 2001:db8::80, port: 80, forwarding: dr, healthCheck: { type: tcp }, realServers: [rs1, rs2] }',
  }),
  source: 'test.yaml',
};

cases['one director with unicast VRRP'] = {
  text: cluster({
    vrrp: '    vrrp: { virtualRouterId: 42, interface: eth0, unicast: true }',
    directors: '      lb1: { interfaces: { eth0: { address: [10.0.0.2/24, 2001:db8::2/64] } } }',
    services: '      web: { vip: 10.0.0.80, port: 80, forwarding: dr, healthCheck: { type: tcp }, realServers: [rs1] }',
  }),
  source: 'test.yaml',
};

// 300 VIPs: more than one VRRP advert can carry (255).
cases['300 vips'] = {
  text: cluster({
    services: Array.from(
      { length: 300 },
      (_, i) =>
        `      s${String(i).padStart(3, '0')}: { vip: 10.9.${Math.floor(i / 250)}.${(i % 250) + 1}, port: 80, forwarding: tun, realServers: [rs1, rs2] }`,
    ).join('\n'),
  }),
  source: 'test.yaml',
};

// Three instances: active-active (side-b has lb1 as MASTER, the first lb2), an IPv6 one, a sync group, and connection sync on.
cases['vrrp instances'] = {
  text: cluster({
    vrrp: [
      '    vrrp:',
      '      virtualRouterId: 42',
      '      interface: eth0',
      '      authPassword: s3cret',
      '      addresses: [10.0.0.200/24]',
      '      syncGroup: pair',
      '      instances:',
      '        side-b: { virtualRouterId: 43, priorities: { lb1: 250, lb2: 10 } }',
      '        v6: { virtualRouterId: 42, syncGroup: pair }',
    ].join('\n'),
    services: [
      '      web: { vip: 10.0.0.80, port: 80, forwarding: dr, realServers: [rs1, rs2] }',
      '      api: { vip: 10.0.0.81, port: 80, forwarding: dr, vrrpInstance: side-b, realServers: [rs1, rs2] }',
      '      web6: { vip: 2001:db8::80, port: 80, forwarding: dr, vrrpInstance: v6, realServers: [rs1, rs2] }',
    ].join('\n'),
  }),
  source: 'test.yaml',
};

const rendered = new Map<string, EmittedFile[]>();
function filesOf(name: string): EmittedFile[] {
  let files = rendered.get(name);
  if (!files) {
    const c = cases[name]!;
    files = render(modelOf(c.text, c.source), c.source);
    rendered.set(name, files);
  }
  return files;
}
function confOf(name: string, host: string): string {
  const file = filesOf(name).find((f) => f.host === host);
  expect(file, `${name}: no file for ${host}`).toBeDefined();
  return file!.content;
}
/** The lines of one `virtual_server` block, trimmed, from its `# service NAME` comment to its closing brace. */
function block(conf: string, service: string): string[] {
  const lines = conf.split('\n');
  const start = lines.indexOf(`# service ${service}`);
  expect(start, `no virtual_server for ${service}`).toBeGreaterThanOrEqual(0);
  const end = lines.indexOf('}', start);
  return lines
    .slice(start + 1, end + 1)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

describe('keepalived target', () => {
  it('emits nothing for a static-manager cluster (the seed as written)', () => {
    const model = modelOf(readFileSync('fixtures/seed-tun.yaml', 'utf8'), 'seed-tun.yaml');
    expect(render(model)).toEqual([]);
  });

  it('renders ha-dr: one file per director, all BACKUP without preemption, connection sync, GARP refresh, TCP checks that inhibit', () => {
    const files = filesOf('ha-dr');
    expect(files.map((f) => [f.host, f.path, f.mode, f.target])).toEqual([
      ['lb1', 'rootfs/etc/keepalived/keepalived.conf', 0o640, 'keepalived'],
      ['lb2', 'rootfs/etc/keepalived/keepalived.conf', 0o640, 'keepalived'],
    ]);
    expect(files[0]!.content).toBe(
      [
        '# shop-dr: generated by lvscc from ha-dr.yaml. Do not edit: change the topology and rebuild.',
        '',
        'global_defs {',
        '    router_id lb1',
        '    # no lvs_flush: keepalived adds and removes its own virtual servers and leaves any others in IPVS alone',
        '    # IPVS connection sync, following the VRRP instance: the MASTER sends its connection entries to the',
        '    # BACKUPs, so that the next MASTER keeps established connections on their real servers',
        '    lvs_sync_daemon eth0 inst shop-dr',
        '    # gratuitous ARP (IPv6: unsolicited NA): bursts when becoming MASTER, then a refresh while MASTER, so',
        '    # that switches and routers that missed the takeover learn it',
        '    vrrp_garp_master_delay 5',
        '    vrrp_garp_master_repeat 5',
        '    vrrp_garp_master_refresh 60',
        '    vrrp_garp_master_refresh_repeat 2',
        '}',
        '',
        'vrrp_instance shop-dr {',
        '    # every director starts as BACKUP: this one has the highest priority and wins the first election',
        '    state BACKUP',
        '    interface eth0',
        '    virtual_router_id 51',
        '    priority 150',
        '    advert_int 1',
        '    # no preemption: a director that comes back (reboot, upgrade) stays BACKUP, so the VIPs do not move a second time',
        '    nopreempt',
        '    virtual_ipaddress {',
        '        192.168.10.100/32 dev eth0',
        '    }',
        '}',
        '',
        '# service https',
        'virtual_server 192.168.10.100 443 {',
        '    # keepalived probes each real server at its own address and port below, not at the VIP: the service must listen there as well as on 192.168.10.100',
        '    # connect_ip is left alone on purpose: aimed at the VIP, the MASTER would probe its own IPVS table instead of one server',
        '    # inhibit_on_failure: a failed real server gets weight 0 and its connections drain; removing it would reset them all at once (expire_nodest_conn=1)',
        '    delay_loop 5',
        '    inhibit_on_failure',
        '    lvs_sched wrr',
        '    lvs_method DR',
        '    protocol TCP',
        '    persistence_timeout 300',
        '',
        '    # web1',
        '    real_server 192.168.10.11 443 {',
        '        weight 1',
        '        TCP_CHECK {',
        '            connect_timeout 3',
        '            retry 1',
        '        }',
        '    }',
        '',
        '    # web2',
        '    real_server 192.168.10.12 443 {',
        '        weight 3',
        '        TCP_CHECK {',
        '            connect_timeout 3',
        '            retry 1',
        '        }',
        '    }',
        '}',
        '',
      ].join('\n'),
    );
    expect(files[1]!.content).toBe(
      files[0]!.content
        .replace('router_id lb1', 'router_id lb2')
        .replace('this one has the highest priority', 'lb1 has the highest priority')
        .replace('priority 150', 'priority 100'),
    );
  });

  it('starts every director as BACKUP and names the highest priority, whatever the name order', () => {
    expect(confOf('password', 'lb1')).toMatch(
      /# every director starts as BACKUP: lb2 has the highest priority and wins the first election\n {4}state BACKUP\n {4}interface eth0\n {4}virtual_router_id 42\n {4}priority 100\n/,
    );
    expect(confOf('password', 'lb2')).toMatch(
      /this one has the highest priority and wins the first election\n {4}state BACKUP\n {4}interface eth0\n {4}virtual_router_id 42\n {4}priority 200\n/,
    );
    for (const name of Object.keys(cases)) for (const file of filesOf(name)) expect(file.content, `${name} ${file.host}`).not.toContain('state MASTER');
  });

  it('writes the VRRP password, and then makes the file readable by root only (0600)', () => {
    for (const file of filesOf('password')) {
      expect(file.mode).toBe(0o600);
      expect(file.content).toContain(
        [
          '    advert_int 2',
          '    # no preemption: a director that comes back (reboot, upgrade) stays BACKUP, so the VIPs do not move a second time',
          '    nopreempt',
          '    # PASS authentication is cleartext in every advert: it keeps out the adverts of another cluster with this virtual_router_id by mistake, not an attacker',
          '    authentication {',
          '        auth_type PASS',
          '        auth_pass s3cret',
          '    }',
          '',
        ].join('\n'),
      );
    }
    for (const file of filesOf('ha-dr')) {
      expect(file.mode).toBe(0o640);
      expect(file.content).not.toContain('authentication');
    }
  });

  it('renders http and https checks with url, status and connect_port when the probe port differs', () => {
    const conf = confOf('http, https, sorry server, udp and NAT', 'lb1');
    expect(block(conf, 'web')).toEqual([
      'virtual_server 10.0.0.80 80 {',
      'delay_loop 10',
      'inhibit_on_failure',
      'lvs_sched wlc',
      'lvs_method DR',
      'protocol TCP',
      'sorry_server 10.0.0.99 80',
      'real_server 10.0.0.21 80 {',
      'weight 1',
      'HTTP_GET {',
      'url {',
      'path /healthz?full=1',
      'status_code 204',
      '}',
      'connect_timeout 2',
      'retry 3',
      '}',
      '}',
      'real_server 10.0.0.22 80 {',
      'weight 0',
      'HTTP_GET {',
      'url {',
      'path /healthz?full=1',
      'status_code 204',
      '}',
      'connect_timeout 2',
      'retry 3',
      '}',
      '}',
      '}',
    ]);
    expect(block(conf, 'tls')).toEqual(expect.arrayContaining(['SSL_GET {', 'path /', 'status_code 200', 'connect_port 8443', 'retry 0', 'delay_loop 6']));
    expect(conf).toContain('    # the sorry server replaces the real servers when all of them have failed, reached by DR like them\n');
  });

  it('says where the check connects and never sets connect_ip', () => {
    const conf = confOf('http, https, sorry server, udp and NAT', 'lb1');
    expect(conf).toContain('the service must listen there as well as on 10.0.0.80');
    expect(conf).not.toMatch(/^\s*connect_ip /m);
  });

  it('renders udp NAT services with the mapped real-server port; the DNS check probes that port', () => {
    expect(block(confOf('http, https, sorry server, udp and NAT', 'lb1'), 'dns')).toEqual([
      'virtual_server 10.0.0.53 53 {',
      'delay_loop 6',
      'inhibit_on_failure',
      'lvs_sched rr',
      'lvs_method NAT',
      'protocol UDP',
      'real_server 10.0.0.21 5353 {',
      'weight 1',
      'DNS_CHECK {',
      'type A',
      'name example.com',
      'connect_timeout 3',
      'retry 1',
      '}',
      '}',
      'real_server 10.0.0.22 53 {',
      'weight 1',
      'DNS_CHECK {',
      'type A',
      'name example.com',
      'connect_timeout 3',
      'retry 1',
      '}',
      '}',
      '}',
    ]);
  });

  it('renders tunnel types, fwmark services and persistence granularity', () => {
    const conf = confOf('tunnels, fwmark and persistence', 'lb1');
    expect(block(conf, 'gue').slice(0, 6)).toEqual([
      'virtual_server 10.0.0.90 80 {',
      'lvs_sched wlc',
      'lvs_method TUN type gue port 6080 csum',
      'protocol TCP',
      'persistence_timeout 300',
      'persistence_granularity 255.255.255.0',
    ]);
    expect(block(conf, 'gre')[2]).toBe('lvs_method TUN type gre');
    expect(block(conf, 'ipip')[2]).toBe('lvs_method TUN');
    expect(block(conf, 'mark').slice(0, 8)).toEqual([
      'virtual_server fwmark 7 {',
      'ip_family inet',
      'delay_loop 6',
      'inhibit_on_failure',
      'lvs_sched wlc',
      'lvs_method DR',
      'persistence_timeout 600',
      'real_server 10.0.0.21 {',
    ]);
    expect(block(conf, 'mark')).toContain('connect_port 80');
    expect(block(conf, 'mark6').slice(0, 6)).toEqual([
      'virtual_server fwmark 8 {',
      'ip_family inet6',
      'lvs_sched wlc',
      'lvs_method DR',
      'persistence_timeout 600',
      'persistence_granularity 64',
    ]);
    expect(block(conf, 'mark6')).toContain('real_server 2001:db8::21 {');
  });

  it('tells NAT services that checks go where the requests go', () => {
    const conf = confOf('http, https, sorry server, udp and NAT', 'lb1');
    expect(conf).toContain(
      'virtual_server 10.0.0.53 53 {\n    # keepalived probes each real server at its own address and port below, where NAT sends the requests too\n',
    );
  });

  it('says that a service without a health check keeps every real server in', () => {
    expect(confOf('tunnels, fwmark and persistence', 'lb1')).toContain('# no health check: keepalived keeps every real server in the table, up or down');
  });

  it('advertises at most 255 addresses and moves the rest to virtual_ipaddress_excluded', () => {
    const conf = confOf('300 vips', 'lb2');
    const advertised = conf.slice(conf.indexOf('    virtual_ipaddress {'), conf.indexOf('    virtual_ipaddress_excluded {'));
    const excluded = conf.slice(conf.indexOf('    virtual_ipaddress_excluded {'), conf.indexOf('\n}\n', conf.indexOf('virtual_ipaddress_excluded')));
    expect(advertised.match(/ dev eth0/g)).toHaveLength(255);
    expect(excluded.match(/ dev eth0/g)).toHaveLength(45);
    expect(conf).toContain('    # only the first 255 addresses fit in a VRRP advert; the others move with the instance from virtual_ipaddress_excluded\n');
  });

  it('advertises IPv4 VIPs and moves IPv6 VIPs as excluded addresses (one family per instance)', () => {
    const conf = confOf('dual stack', 'lb2');
    expect(conf).toContain(
      [
        '    virtual_ipaddress {',
        '        10.0.0.80/32 dev eth0',
        '    }',
        '    # moved with the instance but not carried in VRRP adverts (see the notes above the addresses)',
        '    virtual_ipaddress_excluded {',
        '        2001:db8::80/128 dev eth0',
        '    }',
      ].join('\n'),
    );
    expect(conf).toContain('    # IPv6 addresses are not advertised: virtual_ipaddress holds one address family\n');
    expect(conf).toContain('auth_pass s3cret');
    expect(block(conf, 'web6')[0]).toBe('virtual_server 2001:db8::80 80 {');
    expect(block(conf, 'web6')).toContain('real_server 2001:db8::22 80 {');
  });

  it('drops the password for an IPv6-only instance (VRRPv3 has no authentication) and says why', () => {
    for (const file of filesOf('IPv6 only with a password')) {
      expect(file.mode).toBe(0o640);
      expect(file.content).not.toContain('auth_pass');
      expect(file.content).toContain(
        '    # no authentication: every address here is IPv6, so VRRP runs version 3, which has none (vrrp.authPassword is not used)\n',
      );
      expect(file.content).toContain('    virtual_ipaddress {\n        2001:db8::80/128 dev eth0\n    }\n');
    }
  });

  it('moves the NAT gateway address with the VIPs', () => {
    expect(confOf('NAT gateway address', 'lb1')).toContain('    virtual_ipaddress {\n        10.0.0.80/32 dev eth0\n        10.0.0.1/24 dev eth0\n    }\n');
  });

  it('gives a lone director without VRRP its VIPs as static addresses', () => {
    const conf = confOf('one director without vrrp', 'lb1');
    expect(conf).not.toContain('vrrp_instance');
    expect(conf).toContain('static_ipaddress {\n    10.0.0.80/32 dev eth0\n    2001:db8::80/128 dev eth0\n}\n');
  });

  it('sends unicast adverts from the own address on the VRRP interface to the other directors', () => {
    const name = 'unicast, preemption and checks for udp, scripts and mail';
    expect(confOf(name, 'lb3')).toContain(
      [
        "    # unicast adverts: from this director's address on eth0 to the other directors' there",
        '    unicast_src_ip 10.0.0.4',
        '    unicast_peer {',
        '        10.0.0.2',
        '        10.0.0.3',
        '    }',
      ].join('\n'),
    );
    expect(confOf(name, 'lb1')).toMatch(/unicast_src_ip 10\.0\.0\.2\n {4}unicast_peer \{\n {8}10\.0\.0\.3\n {8}10\.0\.0\.4\n {4}\}/);
    const v6 = confOf('unicast over IPv6, no connection sync', 'lb2');
    expect(v6).toContain('    unicast_src_ip 2001:db8::3\n    unicast_peer {\n        2001:db8::2\n    }\n');
    expect(confOf('ha-dr', 'lb1')).not.toContain('unicast');
    const alone = confOf('one director with unicast VRRP', 'lb1');
    expect(alone).not.toMatch(/^\s*unicast_/m);
    expect(alone).toContain('    # no unicast_peer: vrrp.unicast is set, but there is no other director to send adverts to yet\n');
    expect(alone).not.toContain('lvs_sync_daemon');
  });

  it('runs the connection sync daemon with the VRRP instance unless turned off, and says it is multicast under unicast VRRP', () => {
    expect(confOf('ha-dr', 'lb2')).toContain('    lvs_sync_daemon eth0 inst shop-dr\n');
    const unicast = confOf('unicast, preemption and checks for udp, scripts and mail', 'lb1');
    expect(unicast).toContain(
      '    # the sync daemon sends by multicast (224.0.0.81, UDP 8848) even though VRRP adverts are unicast: the segment must carry it\n    lvs_sync_daemon eth0 inst lab\n',
    );
    expect(confOf('unicast over IPv6, no connection sync', 'lb1')).not.toContain('lvs_sync_daemon');
    expect(confOf('one director without vrrp', 'lb1')).not.toContain('lvs_sync_daemon');
  });

  it('renders one vrrp_instance per instance with its priority, addresses and family, the sync group, and what connection sync misses', () => {
    const lb1 = confOf('vrrp instances', 'lb1');
    const instances = [...lb1.matchAll(/^vrrp_instance (\S+) \{\n(?:.*\n)*?^\}/gm)].map((m) => m[0]);
    expect(instances.map((i) => i.split(' ')[1])).toEqual(['lab', 'side-b', 'v6']);
    const [first, sideB, v6] = instances as [string, string, string];
    expect(first).toContain('    virtual_router_id 42\n    priority 100\n');
    expect(first).toMatch(/virtual_ipaddress \{\n {8}10\.0\.0\.80\/32 dev eth0\n {8}10\.0\.0\.200\/24 dev eth0\n {4}\}/);
    expect(sideB).toContain('    virtual_router_id 43\n    priority 250\n');
    expect(sideB).toContain('every director starts as BACKUP: this one has the highest priority');
    expect(sideB).toMatch(/virtual_ipaddress \{\n {8}10\.0\.0\.81\/32 dev eth0\n {4}\}/);
    expect(sideB).toContain('auth_pass s3cret');
    // The IPv6 instance shares router id 42 with the first (another family, another VRRP version) and has no authentication.
    expect(v6).toContain('    virtual_router_id 42\n');
    expect(v6).toContain('2001:db8::80/128 dev eth0');
    expect(v6).not.toContain('auth_pass');
    expect(lb1).toContain('vrrp_sync_group pair {\n    group {\n        lab\n        v6\n    }\n}\n');
    expect(lb1).toContain(
      '    # it runs as master where lab is MASTER and as backup elsewhere: connections of instance side-b, whose MASTER is lb1, are not copied (LVS251)\n    lvs_sync_daemon eth0 inst lab\n',
    );
    expect(confOf('vrrp instances', 'lb2')).toMatch(/^vrrp_instance side-b \{\n(?:.*\n)*? {4}priority 10\n/m);
    expect(filesOf('vrrp instances').map((f) => f.mode)).toEqual([0o600, 0o600]);
  });

  it('renders nopreempt by default, and preempt_delay with preempt: true', () => {
    expect(confOf('password', 'lb2')).toMatch(/advert_int 2\n {4}# no preemption: [^\n]*\n {4}nopreempt\n/);
    const conf = confOf('unicast, preemption and checks for udp, scripts and mail', 'lb1');
    expect(conf).toContain('    # preemption: a director with a higher priority takes the VIPs back 30 s after it is up\n    preempt_delay 30\n');
    expect(conf).not.toContain('nopreempt');
  });

  it("refreshes gratuitous ARP with the defaults or the topology's values", () => {
    expect(confOf('ha-dr', 'lb1')).toContain(
      '    vrrp_garp_master_delay 5\n    vrrp_garp_master_repeat 5\n    vrrp_garp_master_refresh 60\n    vrrp_garp_master_refresh_repeat 2\n',
    );
    expect(confOf('unicast, preemption and checks for udp, scripts and mail', 'lb1')).toContain(
      '    vrrp_garp_master_delay 5\n    vrrp_garp_master_repeat 5\n    vrrp_garp_master_refresh 30\n    vrrp_garp_master_refresh_repeat 1\n',
    );
    expect(confOf('one director without vrrp', 'lb1')).not.toContain('garp');
  });

  it('renders DNS, UDP, MISC, SMTP and PING checks, delay_before_retry and inhibit_on_failure', () => {
    const conf = confOf('unicast, preemption and checks for udp, scripts and mail', 'lb1');
    expect(block(conf, 'dns')).toEqual([
      'virtual_server 10.0.0.53 53 {',
      'delay_loop 6',
      'inhibit_on_failure',
      'lvs_sched wlc',
      'lvs_method DR',
      'protocol UDP',
      'real_server 10.0.0.21 53 {',
      'weight 1',
      'DNS_CHECK {',
      'type AAAA',
      'name example.com.',
      'connect_timeout 2',
      'retry 2',
      'delay_before_retry 1',
      '}',
      '}',
      'real_server 10.0.0.22 53 {',
      'weight 1',
      'DNS_CHECK {',
      'type AAAA',
      'name example.com.',
      'connect_timeout 2',
      'retry 2',
      'delay_before_retry 1',
      '}',
      '}',
      '}',
    ]);
    expect(block(conf, 'syslog')).not.toContain('inhibit_on_failure');
    // 5 s by default for UDP_CHECK: a dead host's ICMP error comes only once ARP gives up.
    expect(block(conf, 'syslog')).toEqual(expect.arrayContaining(['UDP_CHECK {', 'connect_timeout 5']));
    expect(block(conf, 'radius')).toEqual(
      expect.arrayContaining([
        'real_server 10.0.0.21 11812 {',
        'MISC_CHECK {',
        'misc_path "/usr/local/lib/lvscc/check-radius 10.0.0.21 11812"',
        'misc_timeout 4',
        'retry 0',
      ]),
    );
    expect(block(conf, 'radius').some((l) => l.startsWith('connect_timeout') || l.startsWith('connect_port'))).toBe(false);
    expect(block(conf, 'marked')).toEqual(expect.arrayContaining(['real_server 10.0.0.22 {', 'misc_path "/usr/local/bin/check_marked 10.0.0.22"']));
    expect(block(conf, 'smtp')).toEqual(expect.arrayContaining(['SMTP_CHECK {', 'connect_timeout 3', 'retry 1', 'delay_before_retry 5']));
    expect(block(conf, 'sctp')).toEqual(expect.arrayContaining(['protocol SCTP', 'PING_CHECK {', 'connect_timeout 3']));
    expect(conf).toContain(
      "    # keepalived runs /usr/local/lib/lvscc/check-radius with each real server's address and port below as arguments; exit status 0 means up\n",
    );
    expect(conf).toContain('    # keepalived pings each real server at its own address below: this checks the host, not the service\n');
  });

  it('runs MISC_CHECK scripts as root under enable_script_security, and only when there are scripts', () => {
    const conf = confOf('unicast, preemption and checks for udp, scripts and mail', 'lb1');
    expect(conf).toContain('    script_user root\n    enable_script_security\n}\n');
    expect(confOf('ha-dr', 'lb1')).not.toContain('script_user');
  });

  it('validates the file before it reloads keepalived, and starts keepalived when it is not running', () => {
    for (const file of filesOf('ha-dr')) {
      expect(file.validate).toEqual(['keepalived', '-t', '-f', '{file}']);
      expect(file.actions).toEqual([
        { on: 'install', run: ['systemctl', 'enable', 'keepalived.service'] },
        { on: 'change', run: ['keepalived', '-t', '-f', '/etc/keepalived/keepalived.conf'] },
        { on: 'change', run: ['systemctl', 'reload-or-restart', 'keepalived.service'] },
      ]);
    }
  });

  it('refuses a value that would break out of its word, as an internal error', () => {
    const c = cases['password']!;
    const model = modelOf(c.text);
    model.vrrp!.authPassword = 'a b}';
    expect(() => render(model)).toThrow(UnsafeTokenError);
  });
});

describe('keepalived -t accepts every generated keepalived.conf', () => {
  const probe = spawnSync('keepalived', ['--version'], { encoding: 'utf8' });
  const available = !probe.error;
  const ci = process.env.CI === 'true';
  const dir = mkdtempSync(join(tmpdir(), 'lvscc-keepalived-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!available && !ci).each(Object.keys(cases))('%s', (name) => {
    if (!available) throw new Error(`keepalived is not installed (${probe.error?.message}); CI=true requires it`);
    const files = filesOf(name);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const path = join(dir, `${name.replace(/[^A-Za-z0-9]+/g, '-')}-${file.host}.conf`);
      writeFileSync(path, file.content);
      const result = spawnSync('keepalived', ['-t', '-l', '-f', path], { encoding: 'utf8' });
      expect(result.status, `keepalived -t -f ${path} for ${file.host}:\n${result.stdout}${result.stderr}\n${file.content}`).toBe(0);
    }
  });
});
