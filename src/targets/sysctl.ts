// sysctl target: one sysctl.d file per host with the kernel settings its plan decided, each below its reason.
import type { HostPlan } from '../plan/host-plan.js';
import { modulesLoadPath, sysctlPath } from '../plan/install-paths.js';
import { onChange, planFacts, ROOTFS, type EmittedFile, type HeaderView, type Target, type TargetContext } from './types.js';

interface ModuleKeysView {
  keys: string;
  module: string;
  /** Device the module creates, or '' for module-wide keys. */
  device: string;
}

interface SysctlView {
  header: HeaderView;
  host: string;
  role: string;
  path: string;
  modulesLoadFile: string;
  moduleKeys: ModuleKeysView[];
  hasModuleKeys: boolean;
  settings: { reason: string; key: string; value: string }[];
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

function view(plan: HostPlan, cluster: string, header: HeaderView): SysctlView {
  const moduleKeys: ModuleKeysView[] = [];
  const addModuleKeys = (entry: ModuleKeysView): void => {
    if (!moduleKeys.some((m) => m.keys === entry.keys)) moduleKeys.push(entry);
  };
  for (const setting of plan.sysctls) {
    if (setting.key.startsWith('net.ipv4.vs.')) {
      addModuleKeys({ keys: 'net.ipv4.vs.*', module: 'ip_vs', device: '' });
      continue;
    }
    // Keys of a device a module creates (the tunnel fallback devices). The plan sets none on the dummy
    // device networkd creates: ARP settings are read on the interface a request arrives on, not there.
    const device = setting.device;
    const link = device && plan.virtualLinks.find((l) => l.name === device.name);
    if (!device || !link || link.kind === 'dummy') continue;
    addModuleKeys({ keys: `net.${device.family}.conf.${link.name}.*`, module: link.module, device: link.name });
  }
  return {
    header,
    host: plan.host.name,
    role: plan.role,
    path: sysctlPath(cluster),
    modulesLoadFile: modulesLoadPath(cluster),
    moduleKeys,
    hasModuleKeys: moduleKeys.length > 0,
    settings: plan.sysctls.map((s) => ({ reason: oneLine(s.reason), key: s.key, value: oneLine(s.value) })),
  };
}

export const sysctlTarget: Target = {
  id: 'sysctl',
  description: 'sysctl.d: the kernel settings of each host, with the reason for each',
  appliesTo: { roles: ['director', 'real-server', 'router'] },
  reloadPhase: 20,
  viewSafety: { comments: new Set(['header', 'moduleKeys', 'reason']) },
  hostInputs: (model, plan) => ({ cluster: model.cluster, ...planFacts(plan) }),
  render(context: TargetContext): EmittedFile[] {
    const files: EmittedFile[] = [];
    const cluster = context.model.cluster;
    for (const plan of context.plans) {
      if (!plan.sysctls.length) continue;
      files.push({
        host: plan.host.name,
        path: `${ROOTFS}${sysctlPath(cluster)}`,
        mode: 0o644,
        content: context.render('sysctl/sysctl.conf.hbs', view(plan, cluster, context.header), `sysctl.d file of ${plan.host.name}`),
        target: 'sysctl',
        actions: [onChange('sysctl', '-p', sysctlPath(cluster))],
      });
    }
    return files;
  },
};
