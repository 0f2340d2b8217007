// modules-load target: one modules-load.d file per host listing the kernel modules its plan needs, each with its reason.
import type { HostPlan } from '../plan/host-plan.js';
import { renderTemplate } from '../render/handlebars.js';
import { ROOTFS, type EmittedFile, type HeaderView, type Target, type TargetContext } from './types.js';

/** Absolute path of the modules-load.d file on the host (the sysctl target points at it). */
export function modulesLoadPath(cluster: string): string {
  return `/etc/modules-load.d/lvscc-${cluster}.conf`;
}

/** systemd-modules-load reads modules-load.d once at boot; restarting it loads modules added since. */
export const MODULES_LOAD_RELOAD = 'systemctl restart systemd-modules-load.service';

interface ModuleView {
  name: string;
  reason: string;
}

interface ModulesLoadView {
  header: HeaderView;
  host: string;
  role: string;
  modules: ModuleView[];
}

/** Devices that a module creates as it loads (the fallback devices of the tunnel modules). */
const FALLBACK_DEVICE: Readonly<Record<string, string>> = {
  ipip: 'tunl0',
  ip_gre: 'gre0',
  ip6_tunnel: 'ip6tnl0',
  ip6_gre: 'ip6gre0',
};

function moduleReason(plan: HostPlan, name: string): string {
  if (name === 'ip_vs') return 'IPVS, the kernel virtual-server table (also creates the net.ipv4.vs.* sysctls)';
  if (name.startsWith('ip_vs_')) {
    const scheduler = name.slice('ip_vs_'.length);
    const services = plan.services.filter((s) => s.scheduler === scheduler).map((s) => s.name);
    return `the ${scheduler} scheduler${services.length ? ` (${services.join(', ')})` : ''}: IPVS would also load it on demand, listing it here makes a missing module fail at boot, not at the first ipvsadm command`;
  }
  const device = FALLBACK_DEVICE[name];
  if (device) return plan.virtualLinks.find((l) => l.name === device)?.reason ?? `creates ${device} as it loads`;
  if (name === 'fou') {
    const ports = plan.fouPorts.map((p) => p.port).join(', ');
    return `Foo-over-UDP: the GUE receive port${plan.fouPorts.length === 1 ? '' : 's'} ${ports}, which take${plan.fouPorts.length === 1 ? 's' : ''} the UDP and GUE headers off tunnelled requests`;
  }
  if (name === 'dummy') {
    const link = plan.virtualLinks.find((l) => l.kind === 'dummy');
    return link ? `the dummy device driver: ${link.reason}` : 'the dummy device driver';
  }
  return 'needed by this host';
}

function view(plan: HostPlan, header: HeaderView): ModulesLoadView {
  return {
    header,
    host: plan.host.name,
    role: plan.role,
    modules: plan.modules.map((name) => ({ name, reason: moduleReason(plan, name).replace(/\s*\n\s*/g, ' ') })),
  };
}

export const modulesLoadTarget: Target = {
  id: 'modules-load',
  description: 'modules-load.d: the kernel modules each host loads at boot',
  appliesTo: { roles: ['director', 'real-server', 'router'] },
  render(context: TargetContext): EmittedFile[] {
    const files: EmittedFile[] = [];
    for (const plan of context.plans) {
      if (!plan.modules.length) continue;
      files.push({
        host: plan.host.name,
        path: `${ROOTFS}${modulesLoadPath(context.model.cluster)}`,
        mode: 0o644,
        content: renderTemplate('modules-load/modules.conf.hbs', view(plan, context.header)),
        target: 'modules-load',
        reload: MODULES_LOAD_RELOAD,
      });
    }
    return files;
  },
};
