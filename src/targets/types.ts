// The contract between the compiler and its output targets.
import type { Diagnostic } from '../diagnostics/types.js';
import type { Model, Role } from '../model/types.js';
import type { HostPlan } from '../plan/host-plan.js';

/** One file of the bundle, relative to the bundle root. */
export interface EmittedFile {
  /** Host (or router) the file belongs to. */
  host: string;
  /** Path under hosts/<host>/, e.g. `apply.sh` or `rootfs/etc/sysctl.d/90-lvscc-web.conf`. */
  path: string;
  /** Unix permission bits, e.g. 0o644; applied whatever the umask. */
  mode: number;
  content: string;
  /** Id of the target that produced it. */
  target: string;
  /** Command that makes the host pick the file up once it is in place, if any. */
  reload?: string;
}

/** Values every template header needs. */
export interface HeaderView {
  cluster: string;
  /** Base name of the topology file. */
  source: string;
}

/** Router platforms lvscc renders for (`router.platform`). */
export type RouterPlatform = NonNullable<Model['router']>['platform'];

/** A target limit as the target states it: places are JSON pointers, turned into spans by lint. */
export type TargetDiagnostic = Omit<Diagnostic, 'span' | 'related'> & { pointer: string; related?: { pointer: string; message: string }[] };

export interface TargetContext {
  model: Model;
  /** One plan per host of a role the target applies to (src/plan/host-plan.ts): directors, real servers, Linux routers. */
  plans: readonly HostPlan[];
  header: HeaderView;
  /** Reports a target limit (LVS3xx) instead of throwing. */
  report(diagnostic: Omit<Diagnostic, 'span' | 'related'> & { pointer: string }): void;
}

/** One output format. One file per target under src/targets/, listed in src/targets/index.ts. */
export interface Target {
  id: string;
  description: string;
  /** Hosts the target renders for: roles, and for routers the platforms. */
  appliesTo: { roles: readonly Role[]; routerPlatforms?: readonly RouterPlatform[] };
  /** Platform limits, reported as the target's own LVS3xx diagnostics; lint runs them too, so lint and build agree. */
  limits?(model: Model): TargetDiagnostic[];
  render(context: TargetContext): EmittedFile[];
}

/** Root of rootfs paths on a host. */
export const ROOTFS = 'rootfs';
