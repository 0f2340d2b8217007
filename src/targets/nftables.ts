// The nftables target: a Linux edge router's DNAT from public addresses onto VIPs, as one nft ruleset file
// with a table of its own; the router's addresses and forwarding come from its host plan (networkd, sysctl).
import type { Finding } from '../lint/types.js';
import { planRouter, type RouterMapping } from '../plan/router-plan.js';
import { UnsafeTokenError } from '../util/escape.js';
import { FILE_PLACEHOLDER, onChange, ROOTFS, type EmittedFile, type HeaderView, type Target, type TargetContext, type LimitContext } from './types.js';

const TEMPLATE = 'nftables/ruleset.nft.hbs';

/** nft NAT rewrites addresses within one family: a public IPv4 address (the format's only kind) maps onto IPv4 VIPs only. */
const NAT_FAMILY = 4;
/** nft's scanner reads an unquoted identifier as a letter, `_` or `.`, then letters, digits, `/`, `-`, `_` or `.`. */
const NFT_IDENTIFIER = /^[A-Za-z_.][A-Za-z0-9/_.-]*$/;
/** NFT_TABLE_MAXNAMELEN, including the terminating NUL. */
const NFT_TABLE_MAX_NAME = 255;

/** Name of the cluster's own table: the file deletes and recreates exactly this table. */
export function nftTableName(cluster: string): string {
  const name = `lvscc-${cluster}`;
  if (!NFT_IDENTIFIER.test(name) || name.length > NFT_TABLE_MAX_NAME) throw new UnsafeTokenError('nft table name', name);
  return name;
}

/** Where the ruleset is installed; Debian's nftables.service loads /etc/nftables.conf, which may include it. */
export function nftRulesetPath(cluster: string): string {
  return `/etc/nftables.d/lvscc-${cluster}.nft`;
}

interface RuleView {
  note: string;
  inside: string;
  outside: string;
  protocol: string;
  publicAddress: string;
  publicPort: number;
  vip: string;
  port: number;
}

interface NftView {
  header: HeaderView;
  table: string;
  path: string;
  inside: string;
  outside: string;
  rules: RuleView[];
}

function ruleView(inside: string, outside: string, m: RouterMapping): RuleView {
  const where = m.onOutsideAddress ? `${m.publicAddress.text} (the address of ${outside})` : m.publicAddress.text;
  return {
    note: `service ${m.service}: ${m.protocol} ${where} port ${m.publicPort} to VIP ${m.vip.text} port ${m.port}`,
    inside,
    outside,
    protocol: m.protocol,
    publicAddress: m.publicAddress.text,
    publicPort: m.publicPort,
    vip: m.vip.text,
    port: m.port,
  };
}

/**
 * An IPv6 VIP cannot take a public IPv4 address (nft has no NAT46), and the router plan has no route to a
 * VIP off the inside subnet that the host plan could give the router (its routes are default routes only).
 * tcp, udp and sctp ports all map.
 */
function limits({ model }: LimitContext): Finding[] {
  const plan = planRouter(model);
  if (!plan) return [];
  const found: Finding[] = [];
  for (const m of plan.mappings) {
    if (m.vip.family === NAT_FAMILY) continue;
    found.push({
      code: 'LVS304',
      pointer: m.publicAddress.pointer,
      message: `service ${m.service} maps public IPv4 address ${m.publicAddress.text} onto IPv6 VIP ${m.vip.text}, but nftables NAT does not translate between address families`,
      label: 'IPv4 to IPv6',
      related: [{ pointer: m.vip.pointer, message: 'IPv6 VIP' }],
      help: 'give this service an IPv4 VIP, or route the IPv6 VIP to the directors directly and remove `publicAddress`',
    });
  }
  for (const route of plan.routes) {
    const mapping = plan.mappings.find((m) => m.vip.value === route.vip.value)!;
    found.push({
      code: 'LVS305',
      pointer: mapping.vip.pointer,
      message: `VIP ${route.vip.text} of service ${mapping.service} is not on the nftables router's inside subnet ${plan.inside.address.network}: the router would need a route to it via ${route.via.text} (${route.director}), which lvscc does not write for a Linux router`,
      label: "not on the router's inside subnet",
      related: [{ pointer: `${plan.router.pointer}/inside/address`, message: "the router's inside subnet" }],
      help: `put the VIP on ${plan.inside.address.network}, or use the cisco-ios platform, which routes it through ${route.director}`,
    });
  }
  return found;
}

export const nftablesTarget: Target = {
  id: 'nftables',
  description: 'nft ruleset for a Linux edge router: DNAT of each public address and port onto its VIP, in a table of its own',
  appliesTo: { roles: ['router'], routerPlatforms: ['nftables'] },
  reloadPhase: 60,
  limits,
  render(context: TargetContext): EmittedFile[] {
    const plan = planRouter(context.model);
    if (!plan) return [];
    const cluster = context.model.cluster;
    const inside = plan.inside.interface;
    const outside = plan.outside.interface;
    const path = nftRulesetPath(cluster);
    const view: NftView = {
      header: context.header,
      table: nftTableName(cluster),
      path,
      inside,
      outside,
      rules: plan.mappings.map((m) => ruleView(inside, outside, m)),
    };
    const content = context.render(TEMPLATE, view, `nft ruleset of ${plan.router.name}`);
    return [
      {
        host: plan.router.name,
        path: `${ROOTFS}${path}`,
        mode: 0o644,
        content,
        target: 'nftables',
        actions: [onChange('nft', '-f', path)],
        validate: ['nft', '-c', '-f', FILE_PLACEHOLDER],
      },
    ];
  },
};
