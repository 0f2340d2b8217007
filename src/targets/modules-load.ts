// modules-load target: one modules-load.d file per host listing the kernel modules its plan needs, each with its reason.
import { fallbackDeviceOf } from '../model/tunnel.js';
import type { HostPlan } from '../plan/host-plan.js';
import { modulesLoadPath } from '../plan/install-paths.js';
import { onChange, planFacts, ROOTFS, type EmittedFile, type HeaderView, type Target, type TargetContext } from './types.js';

/** systemd-modules-load reads modules-load.d once at boot; restarting it loads modules added since. */
const MODULES_LOAD_RELOAD = onChange('systemctl', 'restart', 'systemd-modules-load.service');

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

/** The IPVS scheduler a module is, or undefined. */
const schedulerOf = (module: string): string | undefined => (module.startsWith('ip_vs_') ? module.slice('ip_vs_'.length) : undefined);

function moduleReason(plan: HostPlan, name: string): string {
  if (name === 'ip_vs') return 'IPVS, the kernel virtual-server table (also creates the net.ipv4.vs.* sysctls)';
  const scheduler = schedulerOf(name);
  if (scheduler !== undefined) {
    const services = plan.services.filter((s) => s.scheduler === scheduler).map((s) => s.name);
    return `the ${scheduler} scheduler${services.length ? ` (${services.join(', ')})` : ''}: IPVS would also load it on demand, listing it here makes a missing module fail at boot, not at the first ipvsadm command`;
  }
  const device = fallbackDeviceOf(name);
  if (device) return device.reason;
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
  reloadPhase: 10,
  viewSafety: { comments: new Set(['header', 'reason']) },
  // A scheduler module's comment names the host's services that use it.
  hostInputs: (model, plan) => ({
    cluster: model.cluster,
    ...planFacts(plan),
    schedulers: plan.modules.some((m) => schedulerOf(m) !== undefined) ? plan.services.map((s) => [s.name, s.scheduler]) : undefined,
  }),
  render(context: TargetContext): EmittedFile[] {
    const files: EmittedFile[] = [];
    for (const plan of context.plans) {
      if (!plan.modules.length) continue;
      files.push({
        host: plan.host.name,
        path: `${ROOTFS}${modulesLoadPath(context.model.cluster)}`,
        mode: 0o644,
        content: context.render('modules-load/modules.conf.hbs', view(plan, context.header), `modules-load.d file of ${plan.host.name}`),
        target: 'modules-load',
        actions: [MODULES_LOAD_RELOAD],
      });
    }
    return files;
  },
};
