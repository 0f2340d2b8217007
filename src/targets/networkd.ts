// networkd target: systemd-networkd units per host: a .network per link (addresses, MTU, static VIPs,
// default routes), a .netdev and .network per device lvscc creates (tunnel fallback devices, the DR
// dummy device) and a fou .netdev per GUE receive port.
//
// Reload: `networkctl reload` (systemd 252, networkctl(1)) re-reads .netdev and .network files,
// creates the netdevs of new .netdev files, and reconfigures every link that a new, changed or removed
// .network file matches. It never changes or removes an existing netdev: a changed .netdev (say a new
// MTU on tunl0) takes a reboot or `ip link` by hand. Reconfiguring a link re-adds its addresses and
// routes, and drops the addresses other programs put there unless KeepConfiguration= says otherwise
// (see keepalived VIPs below).
import type { Finding } from '../lint/types.js';
import { floatingAddressDevice } from '../model/vrrp.js';
import type { ResolvedModel } from '../model/resolved.js';
import type { DefaultRoute, HostPlan, LinkPlan, VipAddress, VirtualLink } from '../plan/host-plan.js';
import { fouNetdevName, NETWORKD_DIR, networkdUnitName } from '../plan/install-paths.js';
import { onChange, onInstall, planFacts, ROOTFS, type EmittedFile, type HeaderView, type LimitContext, type Target, type TargetContext } from './types.js';
import { compareText } from '../util/compare.js';

/**
 * First install: networkd is off on a Debian system that ifupdown configures; enabled, it runs at boot and
 * brings the links up; started, it reads the files. Each change: `networkctl reload`.
 */
const NETWORKD_ACTIONS = [onInstall('systemctl', 'enable', '--now', 'systemd-networkd.service'), onChange('networkctl', 'reload')];

/** networkd 252 refuses an ip6tnl .netdev without Mode=; ip6ip6 is the kernel fallback device's own mode. */
const TUNNEL_MODE: Readonly<Partial<Record<VirtualLink['kind'], string>>> = { ip6tnl: 'ip6ip6' };

interface SettingView {
  comments: string[];
  key: string;
  value: string;
}

interface NetworkView {
  header: HeaderView;
  name: string;
  purpose: string[];
  hasLinkSection: boolean;
  hasMtu: boolean;
  mtu: number;
  optional: boolean;
  addresses: string[];
  settings: SettingView[];
  vips: { cidr: string; services: string; ipv6: boolean; deprecated: boolean }[];
  routes: { gateway: string; family: string; hasAdvmss: boolean; advmss: number }[];
}

interface TunnelNetdevView {
  header: HeaderView;
  name: string;
  kind: string;
  module: string;
  reason: string;
  hasMode: boolean;
  mode: string | null;
  networkFile: string;
}

interface DummyNetdevView {
  header: HeaderView;
  name: string;
  reason: string;
  networkFile: string;
}

interface FouNetdevView {
  header: HeaderView;
  name: string;
  port: number;
  device: string;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

function vipViews(vips: VipAddress[]): NetworkView['vips'] {
  return vips.map((v) => ({ cidr: v.cidr, services: v.services.join(', '), ipv6: v.address.family === 6, deprecated: v.deprecated }));
}

function routeViews(routes: DefaultRoute[]): NetworkView['routes'] {
  return routes.map((r) => ({ gateway: r.via, family: `IPv${r.family}`, hasAdvmss: r.advmss !== undefined, advmss: r.advmss ?? 0 }));
}

/** The floating addresses besides VIPs (the NAT gateway, `addresses` of each VRRP instance) a director's keepalived adds on this link. */
function floatingGatewayOn(model: ResolvedModel, plan: HostPlan, link: LinkPlan): string[] {
  if (plan.role !== 'director') return [];
  return (model.vrrp?.all ?? []).flatMap((instance) =>
    instance.addresses.filter((a) => floatingAddressDevice(plan.host, a.address, instance.interface) === link.name).map((a) => a.text),
  );
}

function linkNetwork(model: ResolvedModel, plan: HostPlan, link: LinkPlan, header: HeaderView): NetworkView {
  const onLink = plan.vips.filter((v) => v.device === link.name);
  const managed = [...onLink.filter((v) => v.managedBy === 'keepalived').map((v) => v.cidr), ...floatingGatewayOn(model, plan, link)];
  const settings: SettingView[] = [
    {
      comments: [
        'Addresses and routes come from the topology alone: no SLAAC addresses or default routes from',
        'router advertisements, and no wait of about 10 s for one before networkd calls the link configured.',
      ],
      key: 'IPv6AcceptRA',
      value: 'no',
    },
  ];
  if (managed.length) {
    settings.push({
      comments: [
        `keepalived adds and removes ${managed.join(', ')} on this link as VRRP decides, so this file`,
        'never lists it. KeepConfiguration=static stops networkd from deleting it as a foreign address',
        'when it reconfigures the link (networkctl reload after this file changes does).',
      ],
      key: 'KeepConfiguration',
      value: 'static',
    });
  }
  if (plan.role !== 'router') {
    settings.push({
      comments: [
        'A carrier flap (a switch reboot, a cable reseated) keeps the addresses, VIPs and routes: by default',
        'networkd drops them all on carrier loss, and the host stops answering for its VIPs until it reconfigures.',
      ],
      key: 'IgnoreCarrierLoss',
      value: 'yes',
    });
  }
  return {
    header,
    name: link.name,
    purpose: [`${link.name} of ${plan.host.name} (${plan.role}).`],
    hasLinkSection: link.mtu !== undefined,
    hasMtu: link.mtu !== undefined,
    mtu: link.mtu ?? 0,
    optional: false,
    addresses: link.addresses,
    settings,
    vips: vipViews(onLink.filter((v) => v.managedBy === 'static')),
    routes: routeViews(plan.routes.filter((r) => r.device === link.name)),
  };
}

function virtualNetwork(plan: HostPlan, link: VirtualLink, header: HeaderView): NetworkView {
  const settings: SettingView[] = [];
  if (link.kind === 'ipip' || link.kind === 'gre') {
    // Seen in the kernel lab (Linux 6.1, systemd 252): the kernel gives ipip and gre devices no IPv6
    // settings (/proc/sys/net/ipv6/conf/<dev> is missing), and networkd writes some of them on every link.
    settings.push(
      {
        comments: [
          `${link.name} carries IPv4 only and has no IPv6 settings in the kernel: no IPv6 link-local address`,
          'and no router advertisements to wait for.',
        ],
        key: 'LinkLocalAddressing',
        value: 'no',
      },
      { comments: [], key: 'IPv6AcceptRA', value: 'no' },
      {
        comments: [
          `Leave use_tempaddr alone: ${link.name} has none. networkd 252 still logs that it cannot set accept_ra, proxy_ndp`,
          `and the IPv6 address generation mode on ${link.name}: it sets these on every link it manages; harmless.`,
        ],
        key: 'IPv6PrivacyExtensions',
        value: 'kernel',
      },
    );
  } else {
    const why =
      link.kind === 'dummy'
        ? `${link.name} has no neighbours: no IPv6 link-local address and no router advertisements.`
        : `${link.name} needs no IPv6 link-local address and hears no router advertisements (its VIP keeps IPv6 on).`;
    settings.push({ comments: [why], key: 'LinkLocalAddressing', value: 'no' }, { comments: [], key: 'IPv6AcceptRA', value: 'no' });
  }
  settings.push({ comments: ['A virtual device has no cable: configure it whatever its carrier state.'], key: 'ConfigureWithoutCarrier', value: 'yes' });
  return {
    header,
    name: link.name,
    purpose: [`${link.name} of ${plan.host.name}: ${oneLine(link.reason)}.`],
    hasLinkSection: true,
    hasMtu: false,
    mtu: 0,
    optional: true,
    addresses: [],
    settings,
    vips: vipViews(plan.vips.filter((v) => v.device === link.name && v.managedBy === 'static')),
    routes: routeViews(plan.routes.filter((r) => r.device === link.name)),
  };
}

function file(plan: HostPlan, name: string, content: string): EmittedFile {
  return { host: plan.host.name, path: `${ROOTFS}${NETWORKD_DIR}/${name}`, mode: 0o644, content, target: 'networkd', actions: NETWORKD_ACTIONS };
}

function renderHost(context: TargetContext, plan: HostPlan): EmittedFile[] {
  const { header } = context;
  const renderTemplate = (template: string, view: object): string => context.render(template, view, `networkd unit of ${plan.host.name}`);
  const files: EmittedFile[] = [];
  for (const link of plan.links) {
    files.push(file(plan, networkdUnitName(link.name, 'network'), renderTemplate('networkd/link.network.hbs', linkNetwork(context.model, plan, link, header))));
  }
  for (const link of plan.virtualLinks) {
    const networkFile = networkdUnitName(link.name, 'network');
    if (link.kind === 'dummy') {
      const netdev: DummyNetdevView = { header, name: link.name, reason: oneLine(link.reason), networkFile };
      files.push(file(plan, networkdUnitName(link.name, 'netdev'), renderTemplate('networkd/dummy.netdev.hbs', netdev)));
    } else {
      const mode = TUNNEL_MODE[link.kind];
      const netdev: TunnelNetdevView = {
        header,
        name: link.name,
        kind: link.kind,
        module: link.module,
        reason: oneLine(link.reason),
        hasMode: mode !== undefined,
        mode: mode ?? null,
        networkFile,
      };
      files.push(file(plan, networkdUnitName(link.name, 'netdev'), renderTemplate('networkd/tunnel.netdev.hbs', netdev)));
    }
    files.push(file(plan, networkFile, renderTemplate('networkd/link.network.hbs', virtualNetwork(plan, link, header))));
  }
  for (const fou of plan.fouPorts) {
    if (fou.family !== 4) continue;
    const device = plan.virtualLinks.find((l) => l.kind === 'ipip')?.name ?? 'tunl0';
    const view: FouNetdevView = { header, name: fouNetdevName(fou.port), port: fou.port, device };
    files.push(file(plan, networkdUnitName(fouNetdevName(fou.port), 'netdev'), renderTemplate('networkd/fou.netdev.hbs', view)));
  }
  return files.sort((a, b) => compareText(a.path, b.path));
}

/**
 * networkd 252 cannot be relied on for GUE receive ports. Its fou netdev always sends FOU_ATTR_AF=AF_INET
 * (no IPv6 port at all) and FOU_ATTR_IPPROTO, 0 for GUE, which Linux refuses with ERANGE since commit
 * 7a9bc9e3f423 "fou: Don't allow 0 for FOU_ATTR_IPPROTO" (stable updates of January 2026). Seen in the
 * kernel lab with Debian 12's 6.1.192: "netdev could not be created: Numerical result out of range",
 * while `ip fou add port N gue` works. The IPv4 .netdev is still written, for kernels without that change.
 */
function guePortFindings(context: LimitContext): Finding[] {
  const findings: Finding[] = [];
  const seen = new Map<string, { pointer: string; service: string; port: number; family: 4 | 6; hosts: string[] }>();
  for (const plan of context.plans) {
    for (const fou of plan.fouPorts) {
      for (const service of plan.services) {
        if (service.forwarding !== 'tun' || service.tunnel?.type !== 'gue' || service.tunnel.port !== fou.port || service.vip.family !== fou.family) continue;
        const key = `${service.name}:${fou.family}:${fou.port}`;
        const entry = seen.get(key) ?? { pointer: service.pointer, service: service.name, port: fou.port, family: fou.family, hosts: [] };
        entry.hosts.push(plan.host.name);
        seen.set(key, entry);
      }
    }
  }
  for (const entry of seen.values()) {
    const hosts = entry.hosts.join(', ');
    const ipv6 = entry.family === 6;
    findings.push({
      code: 'LVS301',
      message: ipv6
        ? `systemd-networkd cannot open the IPv6 GUE port ${entry.port} of \`${entry.service}\`: the networkd files of ${hosts} leave it out`
        : `systemd-networkd 252 cannot open the GUE port ${entry.port} of \`${entry.service}\` on current kernels, which refuse its request`,
      help: ipv6
        ? `networkd only opens IPv4 fou ports; open it at boot another way on ${hosts}, for example a oneshot unit running \`ip fou add port ${entry.port} gue -6\``
        : `networkd sends FOU_ATTR_IPPROTO=0, which Linux refuses since the stable updates of January 2026 (Debian 12's 6.1.192 among them); open the port at boot another way on ${hosts}, for example a oneshot unit running \`ip fou add port ${entry.port} gue\``,
      pointer: entry.pointer,
    });
  }
  return findings;
}

export const networkdTarget: Target = {
  id: 'networkd',
  description: 'systemd-networkd: links, addresses, static VIPs, default routes, tunnel and dummy devices, GUE ports',
  appliesTo: { roles: ['director', 'real-server', 'router'] },
  reloadPhase: 30,
  viewSafety: { comments: new Set(['header', 'purpose', 'comments', 'reason', 'services']) },
  limits: guePortFindings,
  // A director's links also carry the floating addresses of its VRRP instances, placed by its interfaces.
  hostInputs: (model, plan) => ({ ...planFacts(plan), director: plan.role === 'director' ? { host: plan.host, vrrp: model.vrrp } : undefined }),
  render(context: TargetContext): EmittedFile[] {
    return context.plans.flatMap((plan) => renderHost(context, plan));
  },
};
