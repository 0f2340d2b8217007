// Target `shell`: each host's apply.sh and teardown.sh, idempotent and reversible, from the host plan.
import { renderTemplate } from '../render/handlebars.js';
import type { HostPlan } from '../plan/host-plan.js';
import { ipvsRules } from '../plan/ipvs-rules.js';
import type { EmittedFile, Target, TargetContext } from './types.js';

/** A static-manager director's IPVS services, as apply.sh compares and loads them. */
type ServiceRules = { name: string; key: string; rules: string }[];

function view(context: TargetContext, plan: HostPlan, services: ServiceRules) {
  const { model } = context;
  return {
    header: context.header,
    cluster: model.cluster,
    host: plan.host.name,
    role: plan.role === 'director' ? 'director' : 'real server',
    modules: plan.modules,
    sysctls: plan.sysctls,
    links: plan.links.map((l) => ({ name: l.name, mtu: l.mtu ?? 0, addresses: l.addresses })),
    virtualLinks: plan.virtualLinks.map((v) => ({
      name: v.name,
      kind: v.kind,
      reason: v.reason,
      // Fallback tunnel devices appear when their module loads; a dummy device must be created.
      create: v.kind === 'dummy',
      module: v.module,
    })),
    vips: plan.vips
      .filter((v) => v.managedBy === 'static')
      .map((v) => ({
        device: v.device,
        cidr: v.cidr,
        ipv6: v.address.family === 6,
        deprecated: v.deprecated,
        services: v.services.join(', '),
      })),
    fouPorts: plan.fouPorts.map((f) => ({ port: f.port, family: f.family, flag: f.family === 6 ? '-6' : '-4' })),
    routes: plan.routes.map((r) => ({ family: r.family, via: r.via, device: r.device, advmss: r.advmss ?? 0 })),
    ipvsServices: plan.role === 'director' ? services : [],
  };
}

export const shellTarget: Target = {
  id: 'shell',
  description: 'apply.sh and teardown.sh for every director and real server',
  render(context) {
    // Only the static manager loads IPVS rules from apply.sh; keepalived loads its own.
    const services: ServiceRules =
      context.model.manager === 'static'
        ? ipvsRules(context.model).map((r) => ({ name: r.service, key: r.key, rules: r.lines.join('\n') }))
        : [];
    const files: EmittedFile[] = [];
    for (const plan of context.plans) {
      const v = view(context, plan, services);
      for (const script of ['apply.sh', 'teardown.sh']) {
        files.push({ host: plan.host.name, path: script, mode: 0o755, content: renderTemplate(`shell/${script}.hbs`, v), target: 'shell' });
      }
    }
    return files;
  },
};
