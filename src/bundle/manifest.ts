// The bundle manifest: which files each host gets, their modes and hashes, and what reloads them.
import type { Model } from '../model/types.js';
import { ROOTFS, type EmittedFile, type FileAction } from '../targets/types.js';
import type { ClusterFile } from './topology-picture.js';
import { compareText } from '../util/compare.js';
import { sha256 } from '../util/sha256.js';

export { sha256 };

/** One file of the bundle as the manifest lists it. */
export interface ManifestFile {
  /** Path in the bundle, e.g. `hosts/lvs/rootfs/etc/sysctl.d/zz-lvscc-web-tun.conf`. */
  path: string;
  /** Where the file goes on the host, for files under rootfs/ (e.g. `/etc/sysctl.d/...`). */
  installPath?: string;
  /** Octal permission bits, e.g. `0644`. */
  mode: string;
  /** Owner of the installed file: always `root`. */
  owner: 'root';
  /** Group of the installed file: always `root`. */
  group: 'root';
  /** sha256 of the file's bytes, in hex. */
  sha256: string;
  /** Id of the target that made the file (`sysctl`, `keepalived`, ...). */
  target: string;
  /**
   * Command that checks a candidate file before it replaces the installed one, as an argv (no shell) in which
   * the word `{file}` stands for the candidate's path (Ansible's `validate` takes it with `{file}` replaced by
   * `%s`, Salt's `check_cmd`, Puppet's `validate_cmd`), for the files whose consumer has a check mode:
   * `["keepalived", "-t", "-f", "{file}"]`, `["nft", "-c", "-f", "{file}"]`. Exit status 0 means the file is good.
   */
  validate?: string[];
}

/**
 * One command a host runs after installing files, as an argv (no shell). A host's actions are listed in
 * the order they must run: by the manifest's reloadOrder, then in the order the target defines (a unit's
 * daemon-reload before the restart of the unit). Run each needed action once, in that order, and stop at
 * the first that fails (a keepalived.conf that `keepalived -t` refuses is not reloaded).
 */
export interface ManifestAction {
  /** Id of the target whose files need it. */
  target: string;
  /**
   * `install`: needed when one of `files` is installed where there was none (a first install: enable a unit
   * so it starts at boot, start a daemon). `change`: needed whenever one of `files` is installed or changed
   * (reloads).
   */
  on: FileAction['on'];
  /** The argv, e.g. `["systemctl", "daemon-reload"]`. */
  run: string[];
  /** Install paths of the files that need it, sorted. */
  files: string[];
}

/** A directory the host's installed files live in, to be created with this mode and owner if missing. */
export interface ManifestDirectory {
  /** Absolute path on the host, e.g. `/etc/sysctl.d`. */
  path: string;
  /** Octal permission bits: `0755`. */
  mode: string;
  owner: 'root';
  group: 'root';
}

/** One host of the bundle: its role, its scripts and its files. */
export interface ManifestHost {
  role: 'director' | 'real-server' | 'router';
  /** Bundle path of the host's apply.sh (the router has none). */
  apply?: string;
  /** Bundle path of the host's teardown.sh (the router has none). */
  teardown?: string;
  /**
   * The directories of the installed files and their parents below `/etc` (not `/` or `/etc` itself), sorted
   * so a parent comes before its children: what to create, with these modes, before installing the files.
   */
  directories: ManifestDirectory[];
  files: ManifestFile[];
  /** What to run after installing files, in order (see {@link ManifestAction}). */
  actions: ManifestAction[];
}

/** The contents of a bundle's manifest.json: what was built, from what, by which lvscc. */
export interface Manifest {
  generator: 'lvscc';
  lvsccVersion: string;
  /**
   * Version of this manifest's layout. 2: argv `validate` with `{file}` and per-host `actions` (format 1 had
   * one shell string per file as `reload`, and `%s` in `validate`).
   */
  bundleFormat: 2;
  cluster: string;
  /** The topology's file name (without its directory) and the sha256 of its bytes. */
  source: { file: string; sha256: string };
  /**
   * Target ids in the order their files' actions run on a host (from each target's reloadPhase; each host's
   * `actions` are already in this order): modules before the sysctls of the devices they create, sysctls
   * before networkd adds addresses (a DR or TUN real server must never hold its VIP while it still answers
   * ARP for it), then IPVS and keepalived.
   */
  reloadOrder: string[];
  hosts: Record<string, ManifestHost>;
  /** The files that belong to no host, at the top of the bundle: `topology.md`, the cluster's picture. */
  clusterFiles: ManifestFile[];
}

/** The directories to create for a host's install paths: each one's ancestors below `/etc`, then itself. */
export function installDirectories(installPaths: readonly string[]): ManifestDirectory[] {
  const paths = new Set<string>();
  for (const file of installPaths) {
    const parts = file.split('/').slice(1, -1);
    for (let i = 1; i <= parts.length; i++) {
      const path = '/' + parts.slice(0, i).join('/');
      if (path !== '/etc') paths.add(path);
    }
  }
  return [...paths].sort(compareText).map((path) => ({ path, mode: '0755', owner: 'root', group: 'root' }));
}

/** Where a file lives in the bundle: `hosts/<host>/<path>` for a host's file, its own path for a {@link ClusterFile}. */
export const bundlePath = (file: Pick<EmittedFile, 'host' | 'path'> | Pick<ClusterFile, 'path'>): string =>
  'host' in file ? `hosts/${file.host}/${file.path}` : file.path;

/**
 * A host's actions: its files' actions by target in reload order, each target's in the order it emitted
 * its files, equal actions merged. Throws for actions of a target outside the reload order (a bug).
 */
export function hostActions(files: readonly EmittedFile[], reloadOrder: readonly string[]): ManifestAction[] {
  const byTarget = new Map<string, Map<string, ManifestAction>>(reloadOrder.map((id) => [id, new Map()]));
  for (const file of files) {
    if (!file.actions?.length) continue;
    const actions = byTarget.get(file.target);
    if (!actions || !file.path.startsWith(`${ROOTFS}/`)) throw new Error(`target ${file.target} gives actions to ${file.path}, which no reload phase runs`);
    for (const action of file.actions) {
      const key = `${action.on} ${JSON.stringify(action.run)}`;
      const entry = actions.get(key) ?? { target: file.target, on: action.on, run: [...action.run], files: [] };
      entry.files.push(file.path.slice(ROOTFS.length));
      actions.set(key, entry);
    }
  }
  return [...byTarget.values()].flatMap((actions) => [...actions.values()].map((a) => ({ ...a, files: a.files.sort(compareText) })));
}

/**
 * The manifest of a compiled bundle, from the files in the order the targets emitted them (the order of
 * each target's actions); throws when a file names a host the model does not have (a bug in a target).
 */
export function buildManifest(
  model: Model,
  files: readonly EmittedFile[],
  source: { file: string; bytes: string | Uint8Array },
  version: string,
  reloadOrder: string[],
  clusterFiles: readonly ClusterFile[] = [],
): Manifest {
  const roles = new Map<string, ManifestHost['role']>();
  for (const h of model.directors) roles.set(h.name, 'director');
  for (const h of model.realServers) roles.set(h.name, 'real-server');
  if (model.router) roles.set(model.router.name, 'router');
  const entries = new Map<string, ManifestFile[]>([...roles.keys()].map((name) => [name, []]));
  const emitted = new Map<string, EmittedFile[]>([...roles.keys()].map((name) => [name, []]));
  for (const file of files) {
    const list = entries.get(file.host);
    if (!list) throw new Error(`target ${file.target} emitted a file for unknown host ${file.host}`);
    emitted.get(file.host)!.push(file);
    const entry: ManifestFile = {
      path: bundlePath(file),
      ...(file.path.startsWith(`${ROOTFS}/`) && { installPath: file.path.slice(ROOTFS.length) }),
      mode: file.mode.toString(8).padStart(4, '0'),
      owner: 'root',
      group: 'root',
      sha256: sha256(file.content),
      target: file.target,
      ...(file.validate && { validate: [...file.validate] }),
    };
    list.push(entry);
  }
  const hosts: Record<string, ManifestHost> = {};
  for (const name of [...roles.keys()].sort()) {
    const list = entries.get(name)!.sort((a, b) => compareText(a.path, b.path));
    const apply = list.find((f) => f.path === `hosts/${name}/apply.sh`);
    const teardown = list.find((f) => f.path === `hosts/${name}/teardown.sh`);
    const directories = installDirectories(list.flatMap((f) => (f.installPath ? [f.installPath] : [])));
    const actions = hostActions(emitted.get(name)!, reloadOrder);
    hosts[name] = {
      role: roles.get(name)!,
      ...(apply && { apply: apply.path }),
      ...(teardown && { teardown: teardown.path }),
      directories,
      files: list,
      actions,
    };
  }
  return {
    generator: 'lvscc',
    lvsccVersion: version,
    bundleFormat: 2,
    cluster: model.cluster,
    source: { file: source.file, sha256: sha256(source.bytes) },
    reloadOrder,
    hosts,
    clusterFiles: clusterFiles.map((f) => ({
      path: f.path,
      mode: f.mode.toString(8).padStart(4, '0'),
      owner: 'root',
      group: 'root',
      sha256: sha256(f.content),
      target: f.target,
    })),
  };
}

export function renderManifest(manifest: Manifest): string {
  return JSON.stringify(manifest, null, 2) + '\n';
}
