// nftables target: the Linux edge router's ruleset (checked by `nft -c` in a network namespace), its host plan and its limits.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compile, lint } from '../../src/compile.js';
import type { ResolvedModel } from '../../src/model/resolved.js';
import { planHosts } from '../../src/plan/host-plan.js';
import { nftablesTarget } from '../../src/targets/nftables.js';
import type { EmittedFile } from '../../src/targets/types.js';
import { UnsafeTokenError } from '../../src/util/escape.js';
import { contextWith, dedent, findings, lintYaml, resolvedOf } from '../helpers.js';
import { haveTool } from '../real-tools.js';

const temp = mkdtempSync(join(tmpdir(), 'lvscc-nft-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function modelOf(text: string): ResolvedModel {
  return resolvedOf(text).model;
}

function render(model: ResolvedModel): EmittedFile[] {
  return nftablesTarget.render(contextWith(nftablesTarget, model));
}

const cluster = (services: string, vip6 = false): string =>
  dedent(`
    version: 1
    cluster: pub
    defaults: { gateway: 10.0.0.1 }
    router:
      name: edge
      platform: nftables
      inside: { interface: eth0, address: 10.0.0.1/24 }
      outside: { interface: eth1, address: 112.2.21.1/24 }
    directors:
      lvs: { interfaces: { eth0: ${vip6 ? '{ address: [10.0.0.2/24, 2001:db8::2/64] }' : '10.0.0.2/24'} } }
    realServers:
      rs1: { interfaces: { eth0: ${vip6 ? '{ address: [10.0.0.21/24, 2001:db8::21/64] }' : '10.0.0.21/24'} } }
    services:
${services}
  `);

const published = [
  '      dns: { vip: 10.0.0.53, protocol: udp, port: 53, publicAddress: 112.2.21.53, forwarding: dr, realServers: [rs1] }',
  '      diameter: { vip: 10.0.0.90, protocol: sctp, port: 3868, publicAddress: 112.2.21.1, forwarding: dr, realServers: [rs1] }',
  '      web: { vip: 10.0.0.80, port: 8080, publicAddress: 112.2.21.80, publicPort: 80, forwarding: dr, realServers: [rs1] }',
  '      internal: { vip: 10.0.0.81, port: 22, forwarding: dr, realServers: [rs1] }',
].join('\n');

/** `nft -c -f FILE` in a network namespace of its own (unshare -rn), which checks against the kernel without touching this host. */
function nftCheck(content: string): ReturnType<typeof spawnSync> {
  const file = join(temp, `check-${Math.random().toString(36).slice(2)}.nft`);
  writeFileSync(file, content);
  return spawnSync('unshare', ['-rn', 'nft', '-c', '-f', file], { encoding: 'utf8' });
}

describe('nftables target', () => {
  it("renders one DNAT rule per published service and port, tcp, udp and sctp, in the cluster's own table", () => {
    const files = render(modelOf(cluster(published)));
    expect(files.map((f) => ({ ...f, content: '' }))).toEqual([
      {
        host: 'edge',
        path: 'rootfs/etc/nftables.d/lvscc-pub.nft',
        mode: 0o644,
        target: 'nftables',
        actions: [{ on: 'change', run: ['nft', '-f', '/etc/nftables.d/lvscc-pub.nft'] }],
        validate: ['nft', '-c', '-f', '{file}'],
        content: '',
      },
    ]);
    const content = files[0]!.content;
    expect(content.split('\n').filter((l) => /^\S/.test(l) && !l.startsWith('#'))).toEqual([
      'table ip lvscc-pub',
      'delete table ip lvscc-pub',
      'table ip lvscc-pub {',
      '}',
    ]);
    expect(
      content
        .split('\n')
        .filter((l) => l.includes('dnat to'))
        .map((l) => l.trim()),
    ).toEqual([
      'iifname "eth1" ip daddr 112.2.21.1 sctp dport 3868 dnat to 10.0.0.90:3868',
      'iifname "eth1" ip daddr 112.2.21.53 udp dport 53 dnat to 10.0.0.53:53',
      'iifname "eth1" ip daddr 112.2.21.80 tcp dport 80 dnat to 10.0.0.80:8080',
    ]);
    expect(content).toContain('# service diameter: sctp 112.2.21.1 (the address of eth1) port 3868 to VIP 10.0.0.90 port 3868\n');
    expect(content).not.toContain('internal');
  });

  it.runIf(haveTool('nft', ['--version']) && haveTool('unshare', ['--version']))('passes `nft -c`, with and without mappings', () => {
    for (const services of [published, '      internal: { vip: 10.0.0.81, port: 22, forwarding: dr, realServers: [rs1] }']) {
      const check = nftCheck(render(modelOf(cluster(services)))[0]!.content);
      expect(check.stderr).toBe('');
      expect(check.status).toBe(0);
    }
  });

  it('plans the router as a Linux host: its legs, each public address not its own as /32 on the outside, forwarding', () => {
    const router = planHosts(modelOf(cluster(published))).find((p) => p.role === 'router')!;
    expect(router.host.name).toBe('edge');
    expect(router.links).toEqual([
      { name: 'eth0', addresses: ['10.0.0.1/24'] },
      { name: 'eth1', addresses: ['112.2.21.1/24', '112.2.21.53/32', '112.2.21.80/32'] },
    ]);
    expect(router.sysctls.map((s) => `${s.key}=${s.value}`)).toEqual(['net.ipv4.ip_forward=1']);
    expect(router.routes).toEqual([]);
  });

  it("builds the router's sysctl.d and networkd files, and no apply.sh for it", () => {
    const files = compile(cluster(published)).files.filter((f) => f.host === 'edge');
    expect(files.map((f) => `${f.target} ${f.path}`)).toEqual([
      'nftables rootfs/etc/nftables.d/lvscc-pub.nft',
      'sysctl rootfs/etc/sysctl.d/zz-lvscc-pub.conf',
      'networkd rootfs/etc/systemd/network/10-lvscc-eth0.network',
      'networkd rootfs/etc/systemd/network/10-lvscc-eth1.network',
    ]);
  });

  it('refuses an IOS interface name on an nftables router (schema)', () => {
    const text = cluster(published).replace('interface: eth1', 'interface: GigabitEthernet0/0');
    expect(lint(text).diagnostics.map((d) => `${d.code} ${d.span?.line}`)).toEqual(['LVS106 8']);
  });

  it('refuses an unsafe interface name as an internal error', () => {
    const model = modelOf(cluster(published));
    model.router!.outside.interface = 'eth1"';
    expect(() => render(model)).toThrow(UnsafeTokenError);
  });
});

describe('nftables limits', () => {
  it('LVS304: refuses an IPv6 VIP (no NAT46), at the public address with the VIP related', () => {
    const diagnostics = lintYaml(cluster('      web6: { vip: 2001:db8::88, port: 80, publicAddress: 112.2.21.88, forwarding: tun, realServers: [rs1] }', true));
    expect(findings(diagnostics, 'LVS304')).toEqual([
      {
        code: 'LVS304',
        severity: 'error',
        line: 14,
        message: 'service web6 maps public IPv4 address 112.2.21.88 onto IPv6 VIP 2001:db8::88, but nftables NAT does not translate between address families',
      },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS304')!.related.map((r) => [r.span.line, r.message])).toEqual([[14, 'IPv6 VIP']]);
    expect(findings(diagnostics, 'LVS302')).toEqual([]);
    expect(findings(lintYaml(cluster('      web6: { vip: 2001:db8::88, port: 80, forwarding: tun, realServers: [rs1] }', true)), 'LVS304')).toEqual([]);
  });

  it('LVS305: refuses a VIP off the inside subnet, which would need a route; on the subnet it passes', () => {
    expect(
      findings(lintYaml(cluster('      web: { vip: 10.9.9.80, port: 80, publicAddress: 112.2.21.80, forwarding: tun, realServers: [rs1] }')), 'LVS305'),
    ).toEqual([
      {
        code: 'LVS305',
        severity: 'error',
        line: 14,
        message:
          "VIP 10.9.9.80 of service web is not on the nftables router's inside subnet 10.0.0.0/24: the router would need a route to it via 10.0.0.2 (lvs), which lvscc does not write for a Linux router",
      },
    ]);
    expect(findings(lintYaml(cluster(published)), 'LVS305')).toEqual([]);
  });
});
