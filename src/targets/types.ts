// The contract between the compiler and its output targets: what a target declares (the hosts it renders
// for, its reload phase, its view safety, its platform limits, what its files for a host read) and what the framework hands it.
import type { Finding } from '../lint/types.js';
import type { ResolvedModel } from '../model/resolved.js';
import type { Role, Router } from '../model/types.js';
import type { HostPlan } from '../plan/host-plan.js';
import type { SafeViewKeys } from '../util/escape.js';

/** One file of the bundle, relative to the bundle root. */
export interface EmittedFile {
  /** Host (or router) the file belongs to. */
  host: string;
  /** Path under hosts/<host>/, e.g. `apply.sh` or `rootfs/etc/sysctl.d/zz-lvscc-web.conf`. */
  path: string;
  /** Unix permission bits, e.g. 0o644; applied whatever the umask. */
  mode: number;
  content: string;
  /** Id of the target that produced it. */
  target: string;
  /**
   * What a host runs for this file (files under rootfs/), in order: `install` actions once, when the file is
   * installed where there was none (enable a unit so it starts at boot), `change` actions whenever it is
   * installed or changed (reloads). Within a target, actions run in the order the target emits its files and
   * lists their actions (a unit file's daemon-reload before the restart its rules file asks for); the manifest
   * merges equal actions of several files into one.
   */
  actions?: readonly FileAction[];
  /**
   * Command that checks a candidate of the file before it replaces the installed one, as an argv in which
   * {@link FILE_PLACEHOLDER} stands for the candidate's path (files under rootfs/ whose consumer has a check mode).
   */
  validate?: readonly string[];
}

/** The word of a validate argv that stands for the candidate file's path. */
export const FILE_PLACEHOLDER = '{file}';

/** One command a host runs for a file: an argv (no shell), run on a first install of the file or on every change. */
export interface FileAction {
  on: 'install' | 'change';
  run: readonly string[];
}

/** A reload: run whenever the file is installed or changed. */
export const onChange = (...run: string[]): FileAction => ({ on: 'change', run });
/** A first-install action: run once, when the file is installed where there was none. */
export const onInstall = (...run: string[]): FileAction => ({ on: 'install', run });

/** Values every template header needs. */
export interface HeaderView {
  cluster: string;
  /** Base name of the topology file. */
  source: string;
}

export type RouterPlatform = Router['platform'];

/** What a target's platform limits read: the resolved model and the plans of the hosts the target renders for. */
export interface LimitContext {
  model: ResolvedModel;
  /** Plans of the hosts in the target's `appliesTo`, directors first, then by name. */
  plans: readonly HostPlan[];
}

export interface TargetContext extends LimitContext {
  header: HeaderView;
  /**
   * Renders templates/<template> with `view` after checking every value of the view for the target's
   * syntax (src/util/escape.ts assertSafeView with the target's `viewSafety`); `what` names the file
   * in the internal error a value that is not safe raises.
   */
  render(template: string, view: object, what: string): string;
}

/** One output format. One file per target under src/targets/, listed in src/targets/index.ts. */
export interface Target {
  id: string;
  description: string;
  /** The hosts the target renders for: roles, and for the router its platforms. The framework refuses files for other hosts. */
  appliesTo: { roles: readonly Role[]; routerPlatforms?: readonly RouterPlatform[] };
  /**
   * Where the reload commands of this target's files run on a host, lower first (the manifest's reloadOrder
   * is derived from it). Absent when its files need no reload.
   */
  reloadPhase?: number;
  /** Keys of the target's views whose strings are comments or phrases; every other string must be one safe word. */
  viewSafety?: SafeViewKeys;
  /**
   * Platform limits, reported as the target's own LVS3xx findings. `lint` runs them too (on a topology
   * without errors), so that `lint --strict` and `build --strict` agree; `render` may rely on them.
   */
  limits?(context: LimitContext): Finding[];
  /**
   * What the target's files for one host are a function of, besides the header and the templates: `lvscc plan`
   * renders a host only when some target's inputs for it differ between the two topologies (src/change/hosts.ts),
   * so this must hold everything `render` reads for that host, and `render` must give that host the same files
   * whichever other plans it is handed. Undefined (or no such method): not known, the host is always rendered.
   */
  hostInputs?(model: ResolvedModel, plan: HostPlan): unknown;
  render(context: TargetContext): EmittedFile[];
}

/** A host's plan as a target's {@link Target.hostInputs}: its own facts and its host's name, without its services. */
export function planFacts(plan: HostPlan): Omit<HostPlan, 'host' | 'services'> & { host: string } {
  const { host, services, ...facts } = plan;
  void services;
  return { ...facts, host: host.name };
}

/** Root of rootfs paths on a host. */
export const ROOTFS = 'rootfs';
