// The bundle manifest: which files each host gets, their modes and hashes, and what reloads them.
import * as crypto from 'node:crypto';
import type { Model } from '../model/types.js';
import { ROOTFS, type EmittedFile } from '../targets/types.js';
import { compareText } from '../util/compare.js';

export interface ManifestFile {
  /** Path in the bundle, e.g. `hosts/lvs/rootfs/etc/sysctl.d/90-lvscc-web-tun.conf`. */
  path: string;
  /** Where the file goes on the host, for files under rootfs/ (e.g. `/etc/sysctl.d/...`). */
  installPath?: string;
  /** Octal permission bits, e.g. `0644`. */
  mode: string;
  sha256: string;
  target: string;
  /** Command that makes the host pick the file up. */
  reload?: string;
}

export interface ManifestHost {
  role: 'director' | 'real-server' | 'router';
  apply?: string;
  teardown?: string;
  files: ManifestFile[];
}

export interface Manifest {
  generator: 'lvscc';
  lvsccVersion: string;
  /** Version of this manifest's layout. */
  bundleFormat: 1;
  cluster: string;
  source: { file: string; sha256: string };
  /**
   * Target ids in the order their files' reload commands must run on a host (from each target's
   * reloadPhase): modules before the sysctls of the devices they create, links before the sysctls of
   * devices networkd creates.
   */
  reloadOrder: string[];
  hosts: Record<string, ManifestHost>;
}

/** crypto.hash (Node 20.12 and later) hashes in one call, without a Hash object per file; fleets have thousands. */
const oneShotHash: typeof crypto.hash | undefined = crypto.hash;

export const sha256 = (data: string | Uint8Array): string =>
  oneShotHash ? oneShotHash('sha256', data, 'hex') : crypto.createHash('sha256').update(data).digest('hex');

export const bundlePath = (file: Pick<EmittedFile, 'host' | 'path'>): string => `hosts/${file.host}/${file.path}`;

export function buildManifest(
  model: Model,
  files: readonly EmittedFile[],
  source: { file: string; bytes: string | Uint8Array },
  version: string,
  reloadOrder: string[],
): Manifest {
  const roles = new Map<string, ManifestHost['role']>();
  for (const h of model.directors) roles.set(h.name, 'director');
  for (const h of model.realServers) roles.set(h.name, 'real-server');
  if (model.router) roles.set(model.router.name, 'router');
  const entries = new Map<string, ManifestFile[]>([...roles.keys()].map((name) => [name, []]));
  for (const file of files) {
    const list = entries.get(file.host);
    if (!list) throw new Error(`target ${file.target} emitted a file for unknown host ${file.host}`);
    const entry: ManifestFile = {
      path: bundlePath(file),
      ...(file.path.startsWith(`${ROOTFS}/`) && { installPath: file.path.slice(ROOTFS.length) }),
      mode: file.mode.toString(8).padStart(4, '0'),
      sha256: sha256(file.content),
      target: file.target,
      ...(file.reload && { reload: file.reload }),
    };
    list.push(entry);
  }
  const hosts: Record<string, ManifestHost> = {};
  for (const name of [...roles.keys()].sort()) {
    const list = entries.get(name)!.sort((a, b) => compareText(a.path, b.path));
    const host: ManifestHost = { role: roles.get(name)!, files: list };
    const apply = list.find((f) => f.path === `hosts/${name}/apply.sh`);
    const teardown = list.find((f) => f.path === `hosts/${name}/teardown.sh`);
    hosts[name] = { role: host.role, ...(apply && { apply: apply.path }), ...(teardown && { teardown: teardown.path }), files: list };
  }
  return {
    generator: 'lvscc',
    lvsccVersion: version,
    bundleFormat: 1,
    cluster: model.cluster,
    source: { file: source.file, sha256: sha256(source.bytes) },
    reloadOrder,
    hosts,
  };
}

export function renderManifest(manifest: Manifest): string {
  return JSON.stringify(manifest, null, 2) + '\n';
}
