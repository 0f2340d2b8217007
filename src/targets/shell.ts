// Target `shell`: each host's apply.sh and teardown.sh, idempotent and reversible: the host's operations as
// data lines, carried out by the fixed bash library under templates/shell/ (lib/ and one file per kind in kinds/).
import { readFileSync, readdirSync } from 'node:fs';
import { hostOperations, type HostOperation } from '../plan/host-operations.js';
import type { HostPlan } from '../plan/host-plan.js';
import {
  fouNetdevName,
  ipvsRulesPath,
  ipvsUnitName,
  KEEPALIVED_CONF,
  markRulesetPath,
  markUnitName,
  modulesLoadPath,
  NETWORKD_DIR,
  networkdUnitName,
  sysctlPath,
} from '../plan/install-paths.js';
import { ipvsRules, type IpvsServiceRules } from '../plan/ipvs-rules.js';
import { markRuleset } from '../plan/mark-rules.js';
import { RenderedText } from '../util/escape.js';
import { planFacts, type EmittedFile, type Target, type TargetContext } from './types.js';

/** One line of apply.sh's `operations`: `op KIND ARGS... # COMMENT`; each argument becomes one quoted word. */
export interface OperationLine {
  kind: HostOperation['kind'];
  args: (string | number)[];
  comment: string;
}

/** The arguments of each kind's shell steps (templates/shell/kinds/KIND.sh), in their order, and its comment. */
export function operationLine(operation: HostOperation): OperationLine {
  const line = (args: (string | number)[], comment = ''): OperationLine => ({ kind: operation.kind, args, comment });
  switch (operation.kind) {
    case 'preflight':
      return line([operation.role, operation.networkd ? 'networkd' : '-', ...operation.links]);
    case 'interface':
      return line([operation.link]);
    case 'module':
      return line([operation.name]);
    case 'fallback-device':
      return line([operation.link, operation.module], operation.reason);
    case 'link-created':
      return line([operation.link, operation.type], operation.reason);
    case 'sysctl':
      return line([operation.key, operation.value], operation.reason);
    case 'mtu':
      return line([operation.link, operation.mtu]);
    case 'link-up':
      return line([operation.link]);
    case 'addr':
      return line(
        [
          operation.link,
          operation.cidr,
          ...(operation.announce ? ['announce'] : []),
          ...(operation.nodad ? ['nodad'] : []),
          ...(operation.deprecated ? ['preferred_lft', 0] : []),
        ],
        operation.reason,
      );
    case 'fou':
      return line([operation.port, operation.family]);
    case 'route':
      return operation.advmss === undefined
        ? line([operation.family, operation.via, operation.device, ''])
        : line([operation.family, operation.via, operation.device, operation.advmss], 'MSS clamped so tunnelled requests fit the path MTU');
    case 'ipvs':
      return line([operation.key, operation.rules.join('\n'), operation.drainTimeout], operation.service);
    case 'ipvs-drain':
      return line([], 'real servers that left their service: weight 0 until drained, then deleted');
    case 'mark':
      return line([operation.table, operation.digest, operation.ruleset], 'firewall marks of the fwmark services that group ports');
  }
}

/** The fixed bash of both scripts, in order: what every kind uses, the dispatch, then each kind (one file each). */
const SHARED_LIBRARY = ['shell/lib/common.sh', 'shell/lib/operations.sh'];
const KINDS_DIR = 'shell/kinds/';

/** The fixed bash, passed to the templates as it is: lvscc's own files, not values of the topology. */
interface Library {
  /** The text both scripts embed: {@link SHARED_LIBRARY} and every kinds/*.sh, sorted by name. */
  shared: RenderedText;
  /** apply.sh's rollback on failure (lib/rollback.sh). */
  rollback: RenderedText;
}

let library: Library | undefined;

const templatesRoot = new URL('../../templates/', import.meta.url);

function readShell(name: string): string {
  return readFileSync(new URL(name, templatesRoot), 'utf8').trimEnd();
}

function readLibrary(): Library {
  const kinds = readdirSync(new URL(KINDS_DIR, templatesRoot))
    .filter((name) => name.endsWith('.sh'))
    .sort()
    .map((name) => `${KINDS_DIR}${name}`);
  return {
    shared: new RenderedText([...SHARED_LIBRARY, ...kinds].map(readShell).join('\n\n')),
    rollback: new RenderedText(readShell('shell/lib/rollback.sh')),
  };
}

/**
 * What `teardown.sh --purge` removes besides the run-time state, in its order: the units it stops and
 * disables (their stop removes IPVS services, the mark table, keepalived's VIPs), the networkd files, the
 * static VIPs still on a link (networkd may have added them at boot), then, after the sysctls are
 * reverted, the other installed files. The VIP goes before the ARP sysctls: a DR or TUN real server
 * never holds it while it answers ARP for it.
 */
function purgeView(context: TargetContext, plan: HostPlan, hasMark: boolean) {
  const { model } = context;
  const director = plan.role === 'director';
  const units = director
    ? [...(model.manager === 'static' ? [ipvsUnitName(model.cluster)] : ['keepalived.service']), ...(hasMark ? [markUnitName(model.cluster)] : [])]
    : [];
  const networkd = [
    ...plan.links.map((l) => networkdUnitName(l.name, 'network')),
    ...plan.virtualLinks.flatMap((l) => [networkdUnitName(l.name, 'netdev'), networkdUnitName(l.name, 'network')]),
    ...plan.fouPorts.filter((f) => f.family === 4).map((f) => networkdUnitName(fouNetdevName(f.port), 'netdev')),
  ].map((name) => `${NETWORKD_DIR}/${name}`);
  const files = [
    ...(plan.modules.length ? [modulesLoadPath(model.cluster)] : []),
    ...(plan.sysctls.length ? [sysctlPath(model.cluster)] : []),
    ...(director && model.manager === 'static' ? [ipvsRulesPath(model.cluster), `/etc/systemd/system/${ipvsUnitName(model.cluster)}`] : []),
    ...(director && model.manager === 'keepalived' ? [KEEPALIVED_CONF] : []),
    ...(director && hasMark ? [markRulesetPath(model.cluster), `/etc/systemd/system/${markUnitName(model.cluster)}`] : []),
  ];
  const vips = plan.vips.filter((v) => v.managedBy === 'static').map((v) => ({ link: v.device, cidr: v.cidr }));
  return { purgeUnits: units, purgeNetworkd: networkd, purgeVips: vips, purgeFiles: files };
}

function view(context: TargetContext, plan: HostPlan, operations: OperationLine[]) {
  const { model } = context;
  const { shared, rollback } = (library ??= readLibrary());
  return {
    header: context.header,
    cluster: model.cluster,
    host: plan.host.name,
    sysctlFile: sysctlPath(model.cluster),
    role: plan.role === 'director' ? 'director' : 'real server',
    library: shared,
    rollback,
    managesIpvs: operations.some((o) => o.kind === 'ipvs'),
    managesMarks: operations.some((o) => o.kind === 'mark'),
    ...purgeView(
      context,
      plan,
      operations.some((o) => o.kind === 'mark'),
    ),
    operations,
  };
}

export const shellTarget: Target = {
  id: 'shell',
  description: 'apply.sh and teardown.sh for every director and real server',
  appliesTo: { roles: ['director', 'real-server'] },
  // Arguments of operations reach the scripts only as quoted words ({{sh}}); comments must stay on their line;
  // the IPVS rules (rendered through this context) name each service by a phrase of words.
  viewSafety: {
    comments: new Set(['header', 'comment', 'role']),
    quoted: new Set(['args', 'purgeUnits', 'purgeNetworkd', 'purgeFiles', 'link', 'cidr']),
    phrases: new Set(['key']),
  },
  // A director's scripts carry every service's IPVS rules and the mark ruleset: not declared, always rendered.
  hostInputs: (model, plan) => (plan.role === 'real-server' ? { cluster: model.cluster, ...planFacts(plan) } : undefined),
  render(context) {
    // Only the static manager loads IPVS rules from apply.sh; keepalived loads its own.
    const services: IpvsServiceRules[] = context.model.manager === 'static' ? ipvsRules(context.model, context.render) : [];
    const mark = markRuleset(context.model, context.header, context.render);
    const files: EmittedFile[] = [];
    for (const plan of context.plans) {
      const director = plan.role === 'director';
      const operations = hostOperations(plan, director ? services : [], director ? mark : undefined).map(operationLine);
      const v = view(context, plan, operations);
      for (const script of ['apply.sh', 'teardown.sh']) {
        files.push({
          host: plan.host.name,
          path: script,
          mode: 0o755,
          content: context.render(`shell/${script}.hbs`, v, `${script} of ${plan.host.name}`),
          target: 'shell',
        });
      }
    }
    return files;
  },
};
