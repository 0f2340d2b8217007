// The host side of `lvscc try`: checks the machine, builds each topology's bundle and layout into a job
// directory the guest can read (with a copy of the guest scripts), boots the kernel lab (lab/run-in-guest.sh) with lab/try-guest.sh and
// returns the transcript's reports. The command (src/commands/try.ts) only parses flags and prints.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBundle } from '../bundle/write.js';
import { compile } from '../compile.js';
import { hasErrors, type Diagnostic } from '../diagnostics/types.js';
import type { SourceFile } from '../source/source-file.js';
import { deriveLayout, type Scenario } from './layout.js';
import { parseTranscript, type TopologyReport } from './report.js';

/** The shipped lab scripts (lab/ beside dist/ in the package and in the repository). */
export const LAB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../lab');
/** The harness lab/try-guest.sh sources, at the same place relative to lab/ (the package ships it). */
const E2E_LIB = join(LAB_DIR, '..', 'test', 'e2e', 'e2e-lib.sh');

/** A refusal before anything ran: the command prints it and exits 2. */
export class TryRefusal extends Error {}

/** The tools the guest runs (from this machine's root over 9p), with the Debian/Ubuntu package of each. */
const TOOLS: readonly [string, string][] = [
  ['qemu-system-x86_64', 'qemu-system-x86'],
  ['ipvsadm', 'ipvsadm'],
  ['keepalived', 'keepalived'],
  ['nft', 'nftables'],
  ['ip', 'iproute2'],
  ['ss', 'iproute2'],
  ['jq', 'jq'],
  ['curl', 'curl'],
  ['python3', 'python3'],
  ['busybox', 'busybox-static'],
  ['cpio', 'cpio'],
  ['depmod', 'kmod'],
];

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(join(dir, command)));
}

/** Refuses (TryRefusal) without root or without the lab's tools, naming the packages to install. */
export function checkMachine(): void {
  if (typeof process.getuid === 'function' && process.getuid() !== 0)
    throw new TryRefusal('lvscc try needs root: it boots a throwaway kernel with qemu and creates network namespaces inside it (run it with sudo)');
  const missing = [...new Set(TOOLS.filter(([command]) => !onPath(command)).map(([, pkg]) => pkg))].sort();
  if (missing.length)
    throw new TryRefusal(
      `lvscc try needs these Debian/Ubuntu packages, which are not installed: ${missing.join(' ')} (apt-get install --no-install-recommends ${missing.join(' ')})`,
    );
  if (!existsSync(join(LAB_DIR, 'run-in-guest.sh'))) throw new TryRefusal(`the kernel lab scripts are missing: no ${join(LAB_DIR, 'run-in-guest.sh')}`);
}

/** The lab kernel (prepare.sh fetches and caches it); refuses when its modules have no IPVS. */
export function checkLabKernel(): { kver: string; cache: string } {
  const prepared = spawnSync('bash', [join(LAB_DIR, 'prepare.sh'), '--print-env', '--quiet'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const env = new Map(
    prepared.stdout
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
  );
  const kver = env.get('LAB_KVER');
  const tree = env.get('LAB_TREE');
  const cache = env.get('LAB_CACHE');
  if (prepared.status !== 0 || !kver || !tree || !cache)
    throw new TryRefusal(`the kernel lab could not be prepared (lab/prepare.sh exited ${prepared.status ?? 'on a signal'}); its messages are above`);
  const ipvs = join(tree, 'lib/modules', kver, 'kernel/net/netfilter/ipvs');
  if (!existsSync(ipvs) || !readdirSync(ipvs).some((name) => name.startsWith('ip_vs.ko')))
    throw new TryRefusal(
      `the lab kernel ${kver} has no IPVS module (no ip_vs.ko under ${ipvs}): use a kernel package built with CONFIG_IP_VS=m (Debian: linux-image-amd64; Ubuntu: linux-modules-extra-<version>) through LVSCC_LAB_KERNEL_PKG`,
    );
  return { kver, cache };
}

/** One topology that did not compile: its diagnostics, for the command to print. */
export interface CompileFailure {
  file: string;
  source: SourceFile;
  diagnostics: Diagnostic[];
}

/** A job directory with one sub-directory per topology (layout.json and bundle/). */
export interface Job {
  dir: string;
  topologies: string[];
}

/** A topology that compiled: its bundle files, manifest and resolved model. */
export interface Compiled {
  file: string;
  result: ReturnType<typeof compile>;
}

/** Compiles every file in memory; the failures instead when any has errors. */
export function compileAll(files: readonly { file: string; input: Uint8Array }[], version: string): Compiled[] | CompileFailure[] {
  const compiled = files.map(({ file, input }) => ({ file, result: compile(input, { fileName: file, version }) }));
  const failures = compiled
    .filter(({ result }) => hasErrors(result.diagnostics) || !result.manifest || !result.resolved)
    .map(({ file, result }) => ({ file, source: result.source, diagnostics: result.diagnostics }));
  return failures.length ? failures : compiled;
}

/**
 * Writes each topology's bundle and layout under a new job directory in the lab cache (the guest hides /tmp);
 * nothing is left behind when that fails. `LVSCC_TRY_BUNDLE_HOOK`, for tests only, is a shell command run
 * with each bundle directory as $1 before the boot (the self-test breaks a bundle with it).
 */
export function writeJob(cache: string, compiled: readonly Compiled[], scenarios: readonly Scenario[]): Job {
  const root = join(cache, 'try');
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(join(root, 'job.'));
  chmodSync(dir, 0o755);
  try {
    // The guest runs its scripts from the job (in the cache, which it sees): a checkout or a package under
    // /tmp, /run or /var/tmp is hidden there behind an empty tmpfs.
    cpSync(LAB_DIR, join(dir, 'lab'), { recursive: true });
    mkdirSync(join(dir, 'test', 'e2e'), { recursive: true, mode: 0o755 });
    copyFileSync(E2E_LIB, join(dir, 'test', 'e2e', 'e2e-lib.sh'));
    compiled.forEach(({ file, result }, index) => {
      const topology = join(dir, String(index + 1));
      mkdirSync(topology, { mode: 0o755 });
      writeBundle(join(topology, 'bundle'), result.files, result.manifest!);
      const layout = deriveLayout(result.resolved!.model, basename(file), scenarios);
      writeFileSync(join(topology, 'layout.json'), `${JSON.stringify(layout, null, 2)}\n`, { mode: 0o644 });
      const hook = process.env.LVSCC_TRY_BUNDLE_HOOK;
      if (hook) {
        const ran = spawnSync('bash', ['-c', hook, 'lvscc-try-hook', join(topology, 'bundle')], { stdio: 'inherit' });
        if (ran.status !== 0) throw new TryRefusal(`LVSCC_TRY_BUNDLE_HOOK failed on ${file} (status ${ran.status})`);
      }
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, topologies: compiled.map(({ file }) => file) };
}

/** What the guest run gave. */
export interface GuestRun {
  reports: TopologyReport[];
  /** run-in-guest.sh's status: the guest script's (0 all passed, 1 some failed), 124 timeout, 125 no status. */
  status: number;
  console: string;
  accel?: string;
}

/** Boots the lab once for every topology of the job; `onLine` sees each console line as it comes. */
export async function runGuest(job: Job, timeoutSeconds: number, onLine: (line: string) => void): Promise<GuestRun> {
  const dirs = job.topologies.map((_, index) => join(job.dir, String(index + 1)));
  const child = spawn('bash', [join(LAB_DIR, 'run-in-guest.sh'), '--timeout', String(timeoutSeconds), join(job.dir, 'lab', 'try-guest.sh'), ...dirs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LVSCC_TRY_TOPOLOGY_TIMEOUT: process.env.LVSCC_TRY_TOPOLOGY_TIMEOUT ?? '600' },
  });
  const stop = (): void => void child.kill('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let console = '';
  let accel: string | undefined;
  const feed = (stream: NodeJS.ReadableStream, keep: boolean): void => {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (keep) console += `${line}\n`;
        const booting = /^run-in-guest: booting \S+ \((kvm|tcg)\)/.exec(line);
        if (booting) accel = booting[1];
        onLine(line);
      }
    });
    stream.on('end', () => {
      if (rest) {
        if (keep) console += rest;
        onLine(rest);
      }
    });
  };
  feed(child.stdout, true);
  feed(child.stderr, false);
  const status = await new Promise<number>((done) => child.on('close', (code) => done(code ?? 125)));
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  const run: GuestRun = { reports: parseTranscript(console, job.topologies), status, console };
  if (accel) run.accel = accel;
  return run;
}

/** Keeps the job (bundles, layouts) and the console transcript; returns the directory. */
export function keepJob(job: Job, console: string): string {
  writeFileSync(join(job.dir, 'console.log'), console);
  return job.dir;
}

/** Removes the job directory. */
export function removeJob(job: Job): void {
  rmSync(job.dir, { recursive: true, force: true });
}
