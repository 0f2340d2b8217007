// A fuzz run: documents checked in worker threads, then the sample's keepalived.conf files through `keepalived -t`
// (in a network namespace that has their interfaces) and its scripts through `bash -n`; failures written out minimised.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FoundFailure, ShardReport, WorkerInput } from './report.js';
import { transpiled } from './transpile.js';
import { fields, generateDocument } from './generate.js';

export interface FuzzOptions {
  seed: number;
  docs: number;
  /** Worker threads; default the machine's parallelism. */
  jobs?: number;
  /** Compiled documents whose keepalived.conf and scripts the real tools check. */
  sample: number;
  /** Where failures are written (created only when there is one). */
  outDir: string;
}

export interface ToolFailure {
  index: number;
  tool: string;
  path: string;
  output: string;
  /** The topology the file was built from. */
  text: string;
}

export interface FuzzSummary extends Omit<ShardReport, 'keepalived' | 'scripts'> {
  seed: number;
  seconds: number;
  /** Of `seconds`, the worker threads' part (the rest: keepalived -t and bash -n). */
  workerSeconds: number;
  jobs: number;
  keepalivedChecked: number;
  bashChecked: number;
  toolFailures: ToolFailure[];
  /** Schema fields no schema fill reached. */
  unreachedFields: string[];
}

function runShard(url: URL, input: WorkerInput): Promise<ShardReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, { workerData: input, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    worker.once('message', (report: ShardReport) => resolve(report));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`fuzz worker ${input.shard} exited with ${code}`));
    });
  });
}

/**
 * Runs `check` (a shell command taking a file name) on each of `files`, in `jobs` shells at once (one process per lane,
 * not one per file: spawning from node, and `ip netns exec`, cost more than the checks); `prefix` runs each lane's shell
 * (`ip netns exec NS`). Resolves with each file's status and output.
 */
export async function checkFiles(prefix: string[], check: string, files: string[], jobs: number): Promise<Map<string, { status: number; output: string }>> {
  const results = new Map<string, { status: number; output: string }>();
  const loop = `for f; do out=$(${check} "$f" 2>&1); printf '%s\\0%s\\0%s\\0' "$f" "$?" "$out"; done`;
  const lanes = Array.from({ length: jobs }, (_, lane) => files.filter((_f, i) => i % jobs === lane)).filter((l) => l.length);
  await Promise.all(
    lanes.map(
      (lane) =>
        new Promise<void>((resolve, reject) => {
          const [command, ...args] = [...prefix, 'bash', '-c', loop, 'check', ...lane];
          const child = spawn(command!, args, { stdio: ['ignore', 'pipe', 'inherit'] });
          const chunks: Buffer[] = [];
          child.stdout.on('data', (b: Buffer) => chunks.push(b));
          child.on('error', reject);
          child.on('close', () => {
            const fields = Buffer.concat(chunks).toString().split('\0');
            for (let i = 0; i + 2 < fields.length; i += 3) results.set(fields[i]!, { status: Number(fields[i + 1]), output: fields[i + 2]! });
            resolve();
          });
        }),
    ),
  );
  return results;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const start = performance.now();
  const jobs = options.jobs ?? availableParallelism();
  const url = transpiled('test/fuzz/worker.ts');
  const shards = await Promise.all(
    Array.from({ length: jobs }, (_, shard) =>
      runShard(url, { seed: options.seed, docs: options.docs, shard, shards: jobs, sample: Math.ceil(options.sample / jobs) }),
    ),
  );
  const summary: FuzzSummary = {
    seed: options.seed,
    seconds: 0,
    workerSeconds: 0,
    jobs,
    documents: 0,
    lintClean: 0,
    compiled: 0,
    maxLintMs: 0,
    sampled: 0,
    byKind: {},
    fieldCounts: {},
    failures: [],
    keepalivedChecked: 0,
    bashChecked: 0,
    toolFailures: [],
    unreachedFields: [],
  };
  for (const s of shards) {
    summary.documents += s.documents;
    summary.lintClean += s.lintClean;
    summary.compiled += s.compiled;
    summary.sampled += s.sampled;
    summary.maxLintMs = Math.max(summary.maxLintMs, s.maxLintMs);
    for (const [kind, counts] of Object.entries(s.byKind)) {
      const total = (summary.byKind[kind as keyof typeof summary.byKind] ??= { documents: 0, lintClean: 0 });
      total.documents += counts.documents;
      total.lintClean += counts.lintClean;
    }
    for (const [f, n] of Object.entries(s.fieldCounts)) summary.fieldCounts[f] = (summary.fieldCounts[f] ?? 0) + n;
    summary.failures.push(...s.failures);
  }
  summary.failures.sort((a, b) => a.index - b.index);
  summary.unreachedFields = fields.map((f) => f.path.join('.')).filter((p) => !summary.fieldCounts[p]);

  summary.workerSeconds = (performance.now() - start) / 1000;
  const scratch = mkdtempSync(join(tmpdir(), 'lvscc-fuzz-'));
  try {
    await checkKeepalived(shards, scratch, jobs, summary);
    await checkBash(shards, scratch, jobs, summary);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  summary.seconds = (performance.now() - start) / 1000;
  if (summary.failures.length || summary.toolFailures.length) writeFailures(summary.failures, summary.toolFailures, options);
  return summary;
}

async function checkKeepalived(shards: ShardReport[], scratch: string, jobs: number, summary: FuzzSummary): Promise<void> {
  const confs = shards.flatMap((s) => s.keepalived);
  if (!confs.length) return;
  // One namespace holds every interface the sample names; keepalived -t checks that each one it uses exists.
  const ns = `lvscc-fuzz-${process.pid}`;
  const ip = (...args: string[]) => spawnSync('ip', args, { encoding: 'utf8' });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    ip('netns', 'del', ns);
    const made = ip('netns', 'add', ns);
    if (made.status !== 0) throw new Error(`ip netns add: ${made.stderr}`);
    [...new Set(confs.flatMap((c) => c.interfaces))].sort().forEach((name, i) => {
      ip('-n', ns, 'link', 'add', name, 'type', 'veth', 'peer', 'name', `fz-peer${i}`);
      ip('-n', ns, 'link', 'set', name, 'up');
    });
  }
  try {
    const files = confs.map((c, i) => {
      const path = join(scratch, `keepalived-${i}.conf`);
      writeFileSync(path, c.content);
      return path;
    });
    const results = await checkFiles(asRoot ? ['ip', 'netns', 'exec', ns] : [], 'keepalived -t -l -n -f', files, jobs);
    files.forEach((file, i) => {
      summary.keepalivedChecked++;
      const r = results.get(file) ?? { status: -1, output: 'not checked' };
      if (r.status !== 0)
        summary.toolFailures.push({
          index: confs[i]!.index,
          tool: 'keepalived -t',
          path: confs[i]!.path,
          output: r.output.slice(0, 4000),
          text: generateDocument(summary.seed, confs[i]!.index).text,
        });
    });
  } finally {
    if (asRoot) ip('netns', 'del', ns);
  }
}

async function checkBash(shards: ShardReport[], scratch: string, jobs: number, summary: FuzzSummary): Promise<void> {
  const scripts = shards.flatMap((s) => s.scripts);
  const files = scripts.map((s, i) => {
    const path = join(scratch, `script-${i}.sh`);
    writeFileSync(path, s.content);
    return path;
  });
  const results = await checkFiles([], 'bash -n', files, jobs);
  files.forEach((file, i) => {
    summary.bashChecked++;
    const r = results.get(file) ?? { status: -1, output: 'not checked' };
    if (r.status !== 0)
      summary.toolFailures.push({
        index: scripts[i]!.index,
        tool: 'bash -n',
        path: scripts[i]!.path,
        output: r.output.slice(0, 4000),
        text: generateDocument(summary.seed, scripts[i]!.index).text,
      });
  });
}

/** Each failure as a regression fixture candidate: `<kind>-<index>.yaml` (minimised) with its provenance, and the original. */
function writeFailures(failures: FoundFailure[], toolFailures: ToolFailure[], options: FuzzOptions): void {
  mkdirSync(options.outDir, { recursive: true });
  for (const f of failures) {
    const header = [
      `# provenance: npm run fuzz -- --seed ${options.seed} --docs ${options.docs} (document ${f.index}, ${f.docKind})`,
      `# class: ${f.failure.kind}`,
    ];
    writeFileSync(join(options.outDir, `${f.failure.kind}-${f.index}.yaml`), `${header.join('\n')}\n${f.minimised}\n`);
    writeFileSync(join(options.outDir, `${f.failure.kind}-${f.index}.original.yaml`), f.text);
    writeFileSync(join(options.outDir, `${f.failure.kind}-${f.index}.txt`), `${f.failure.detail}\n`);
  }
  for (const t of toolFailures) {
    writeFileSync(join(options.outDir, `tool-${t.index}-${t.path.replace(/[^A-Za-z0-9.-]/g, '_')}.txt`), `${t.tool}\n${t.output}\n`);
    // The topology, for the regression fixture (the worker's minimisation knows only lint and compile).
    writeFileSync(
      join(options.outDir, `tool-${t.index}.yaml`),
      `# provenance: npm run fuzz -- --seed ${options.seed} --docs ${options.docs} (document ${t.index})\n# class: ${t.tool}\n${t.text}`,
    );
  }
}
