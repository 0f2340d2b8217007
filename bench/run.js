// `npm run bench`: times every phase of lvscc on synthetic topologies (S: the seed, M, L), the worst shapes under
// the size limit, the CLI's start-up against `node -e 0`, `lvscc plan` and `lvscc graph` of M, and `keepalived -t`
// on the generated configuration. Prints tables; asserts nothing. Each size runs in its own process so that peak
// RSS is per size. `LVSCC_BENCH_ONLY=worst,plan,graph` runs only the parts named (of: sizes, worst, import, cli, plan, graph).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { changedServices, fleetTopology } from './generate.js';
import { measureImport } from './import.js';
import { worstCaseShapes } from './worst-case.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const sizes = {
  S: null,
  M: { services: 1000, perService: 10, hosts: 1000 },
  L: { services: 10000, perService: 10, hosts: 10000 },
};
const runs = Number(process.env.LVSCC_BENCH_RUNS ?? 5);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const PARTS = ['sizes', 'worst', 'import', 'cli', 'plan', 'graph'];
const only = new Set(process.env.LVSCC_BENCH_ONLY ? process.env.LVSCC_BENCH_ONLY.split(',') : PARTS);
/** CPU time (user + system, in ms) of a process since it started or since `since`: the figure a loaded machine distorts least. */
const cpuMs = (since) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
// GNU time reports a child's CPU time; without it the CLI rows have wall times only.
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Child mode: compile and write one size, print JSON with phase times, RSS, files and bytes. */
async function measureOne(size, dir) {
  const { compile } = await import('../dist/compile.js');
  const { writeBundle } = await import('../dist/bundle/write.js');
  const text = size === 'S' ? readFileSync(join(root, 'fixtures/seed-tun.yaml'), 'utf8') : fleetTopology(sizes[size]);
  const phases = {};
  const start = performance.now();
  const result = compile(text, { fileName: `${size}.yaml`, maxBytes: 64 * 1024 * 1024, onPhase: (p, ms) => (phases[p] = ms) });
  if (!result.manifest)
    throw new Error(
      `size ${size} did not compile: ${result.diagnostics
        .slice(0, 3)
        .map((d) => d.message)
        .join('; ')}`,
    );
  let t = performance.now();
  const stats = writeBundle(dir, [...result.files, ...result.clusterFiles], result.manifest);
  phases.write = performance.now() - t;
  const total = performance.now() - start;
  // Peak RSS of one build, as the CLI makes it (the rebuild below would add its own garbage).
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  t = performance.now();
  const again = compile(text, { fileName: `${size}.yaml`, maxBytes: 64 * 1024 * 1024 });
  const rewrite = writeBundle(dir, [...again.files, ...again.clusterFiles], again.manifest);
  const rebuild = performance.now() - t;
  const bytes = result.files.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
  process.stdout.write(
    JSON.stringify({
      size,
      inputBytes: Buffer.byteLength(text),
      phases,
      total,
      rebuild,
      rebuildWrites: rewrite.written.length,
      files: stats.written.length,
      bytes,
      maxRssMB,
    }),
  );
}

/** Runs a command once: wall time, CPU time (user + system, NaN without GNU time), exit status and output. */
function time(command, args, options = {}) {
  const usage = gnuTime && join(tmpdir(), `lvscc-bench-time-${process.pid}`);
  const [run, runArgs] = usage ? [gnuTime, ['-f', '%U %S', '-o', usage, command, ...args]] : [command, args];
  const start = performance.now();
  const r = spawnSync(run, runArgs, { encoding: 'utf8', maxBuffer: 1 << 26, ...options });
  const ms = performance.now() - start;
  if (r.error) return { ms: NaN, cpu: NaN, status: -1, output: String(r.error) };
  let cpu = NaN;
  if (usage) {
    const [user, system] = readFileSync(usage, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    cpu = (user + system) * 1000;
    rmSync(usage, { force: true });
  }
  return { ms, cpu, status: r.status, output: (r.stdout ?? '') + (r.stderr ?? '') };
}

function fmt(ms) {
  return Number.isNaN(ms) ? 'n/a' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

/** Recreates the tree at `from` under `to` (removed first) with plain fs calls; returns the milliseconds taken. */
function recreate(from, to) {
  const files = readdirSync(from, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const path = join(e.parentPath ?? e.path, e.name);
      return { rel: relative(from, path), bytes: readFileSync(path) };
    });
  rmSync(to, { recursive: true, force: true });
  const start = performance.now();
  for (const { rel, bytes } of files) {
    mkdirSync(dirname(join(to, rel)), { recursive: true });
    writeFileSync(join(to, rel), bytes);
  }
  const ms = performance.now() - start;
  rmSync(to, { recursive: true, force: true });
  return ms;
}

/**
 * The worst shapes under the 1 MiB limit (target: each lints in under 2 s and 1 GB): the library's lint, yaml's
 * own parse of the same text (the floor lvscc builds on) and `lvscc lint FILE`, each run in a fresh process;
 * medians of CPU time, which a loaded machine distorts less than wall time.
 */
function worstShapes(work) {
  const n = Math.min(runs, 3);
  const child = (mode, name) => {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), mode, name], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`${mode} ${name} failed:\n${r.stderr.slice(0, 400)}`);
    return JSON.parse(r.stdout);
  };
  console.log(`| worst shape (1 MiB) | diagnostics | lint CPU (library) | yaml's parse alone | \`lvscc lint FILE\` CPU | CLI peak RSS | runs |`);
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  const shapes = worstCaseShapes();
  for (const [name, text] of Object.entries(shapes)) {
    const file = join(work, 'worst.yaml');
    writeFileSync(file, text);
    const library = [];
    const yaml = [];
    const cli = [];
    let diagnostics = 0;
    let rss = 0;
    for (let i = 0; i < n; i++) {
      const m = child('--worst', name);
      library.push(m.cpu);
      diagnostics = m.diagnostics;
      yaml.push(child('--yaml', name).cpu);
      const usage = join(work, 'worst.time');
      const r = gnuTime
        ? spawnSync(gnuTime, ['-f', '%U %S %M', '-o', usage, process.execPath, join(root, 'bin/run.js'), 'lint', file], { stdio: 'ignore' })
        : undefined;
      // lint exits 1 with findings, 0 for the valid shape.
      if (r && (r.status === 0 || r.status === 1)) {
        const [user, system, kb] = readFileSync(usage, 'utf8').trim().split('\n').pop().split(' ').map(Number);
        cli.push((user + system) * 1000);
        rss = Math.max(rss, kb / 1024);
      } else cli.push(NaN);
    }
    console.log(
      `| ${name} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB) | ${diagnostics} | ${fmt(median(library))} | ${fmt(median(yaml))} | ${fmt(median(cli))} | ${rss.toFixed(0)} MB | ${n} |`,
    );
  }
  console.log('');
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'lvscc-bench-'));
  let shm;
  try {
    console.log(
      `lvscc bench on ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; median of ${runs} CLI runs\n`,
    );
    const results = {};
    for (const size of only.has('sizes') ? Object.keys(sizes) : []) {
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', size, join(work, size)], { encoding: 'utf8', maxBuffer: 1 << 26 });
      if (r.status !== 0) throw new Error(`size ${size} failed:\n${r.stderr}`);
      results[size] = JSON.parse(r.stdout);
    }
    if (only.has('worst')) worstShapes(work);
    const phaseNames = ['parse', 'schema', 'model', 'lint', 'render', 'write'];
    if (only.has('sizes')) {
      console.log(`| size | ${phaseNames.join(' | ')} | total | library rebuild, no cache (writes) | peak RSS | files | bytes |`);
      console.log(`|---|${phaseNames.map(() => '---:').join('|')}|---:|---:|---:|---:|---:|`);
    }
    for (const r of Object.values(results)) {
      console.log(
        `| ${r.size} | ${phaseNames.map((p) => fmt(r.phases[p] ?? NaN)).join(' | ')} | ${fmt(r.total)} | ${fmt(r.rebuild)} (${r.rebuildWrites}) | ${r.maxRssMB.toFixed(0)} MB | ${r.files} | ${(r.bytes / 1e6).toFixed(1)} MB |`,
      );
    }
    if (results.L) console.log(`\nM to L growth (library, total): ${(results.L.total / results.M.total).toFixed(1)}x for 10x the services and hosts\n`);
    if (only.has('import')) {
      const imported = await measureImport(runs);
      console.log(
        `lvscc import of a keepalived.conf with 150 virtual servers (${(imported.bytes / 1024).toFixed(0)} KiB): ${fmt(imported.import)} (target < 0.5 s); with --verify's build and comparison: ${fmt(imported.roundTrip)}, ${imported.differences} differences\n`,
      );
    }

    // The CLI as users run it: whole-process wall and CPU time, medians. Builds write to the bench's directory on disk
    // and, where there is one, to tmpfs: on some disks creating 7,000 files costs more than lvscc itself.
    const cli = join(root, 'bin/run.js');
    const M = join(work, 'M.yaml');
    writeFileSync(M, fleetTopology(sizes.M));
    // M with 10 services changed (scheduler wlc -> wrr, the last member at weight 2): what a pull request plans.
    const M10 = join(work, 'M10.yaml');
    writeFileSync(M10, changedServices(fleetTopology(sizes.M), 10));
    const L = join(work, 'L.yaml');
    if (only.has('cli')) writeFileSync(L, fleetTopology(sizes.L));
    const outputs = {};
    if (existsSync('/dev/shm')) outputs.tmpfs = shm = mkdtempSync('/dev/shm/lvscc-bench-');
    outputs.disk = work;
    // Before each fresh build: remove the last one and flush the disk, so no run pays for the previous one's writeback.
    const build = (input, out) => [
      process.execPath,
      [cli, 'build', input, '-o', out, '--max-bytes', '67108864'],
      () => {
        rmSync(out, { recursive: true, force: true });
        spawnSync('sync');
      },
    ];
    const cliRows = [
      ['lvscc --version', process.execPath, [cli, '--version']],
      ['lvscc lint seed-tun.yaml', process.execPath, [cli, 'lint', join(root, 'fixtures/seed-tun.yaml')]],
      ...Object.entries(outputs).map(([where, dir]) => [`lvscc build M (fresh, ${where})`, ...build(M, join(dir, 'cli-M'))]),
      [
        'lvscc build M (nothing changed, disk)',
        process.execPath,
        [cli, 'build', M, '-o', join(work, 'cli-M'), '--max-bytes', '67108864'],
        () => spawnSync('sync'),
      ],
      ...Object.entries(outputs).map(([where, dir]) => [`lvscc build L (fresh, ${where})`, ...build(L, join(dir, 'cli-L'))]),
      // lvscc's own M bundle (written by the sizes part) for keepalived -t.
      ...(results.M
        ? [['keepalived -t (M keepalived.conf)', 'keepalived', ['-t', '-f', join(work, 'M/hosts/lb1/rootfs/etc/keepalived/keepalived.conf')]]]
        : []),
    ];
    const rows = [
      ['node -e 0', process.execPath, ['-e', '0']],
      ...(only.has('cli') ? cliRows : []),
      ...(only.has('plan') ? [['lvscc plan M vs 10 changed services', process.execPath, [cli, 'plan', M, M10, '--max-bytes', '67108864']]] : []),
      ...(only.has('graph') ? [['lvscc graph M', process.execPath, [cli, 'graph', M, '--max-bytes', '67108864']]] : []),
    ];
    const measured = {};
    console.log('| command | median wall | median CPU (user+sys) | runs |');
    console.log('|---|---:|---:|---:|');
    for (const [name, command, args, before] of rows) {
      const n = name.includes(' L ') ? Math.min(runs, 3) : runs;
      const times = [];
      const cpus = [];
      for (let i = 0; i < n; i++) {
        before?.();
        const r = time(command, args);
        if (r.status !== 0) {
          times.push(NaN);
          cpus.push(NaN);
          console.error(`${name} exited ${r.status}: ${r.output.slice(0, 400)}`);
          break;
        }
        times.push(r.ms);
        cpus.push(r.cpu);
      }
      measured[name] = median(times);
      console.log(`| ${name} | ${fmt(measured[name])} | ${fmt(median(cpus))} | ${times.length} |`);
    }
    const node0 = measured['node -e 0'];
    if (only.has('plan')) console.log(`\nlvscc plan M vs 10 changed services: ${fmt(measured['lvscc plan M vs 10 changed services'])} (target < 1.5 s)`);
    if (only.has('graph')) console.log(`lvscc graph M: ${fmt(measured['lvscc graph M'])} (target < 2 s)`);
    if (!only.has('cli')) return;
    // What the same files cost to create with plain fs calls, without lvscc: the floor the disk sets.
    console.log("\n| creating M's files with plain mkdir + writeFile | median wall |");
    console.log('|---|---:|');
    for (const [where, dir] of Object.entries(outputs)) {
      const times = [];
      for (let i = 0; i < runs; i++) {
        spawnSync('sync');
        times.push(recreate(join(work, 'M'), join(dir, 'floor-M')));
      }
      console.log(`| ${where} | ${fmt(median(times))} |`);
    }
    const keepalived = measured['keepalived -t (M keepalived.conf)'] ?? NaN;
    console.log(`\nlvscc --version / node -e 0: ${(measured['lvscc --version'] / node0).toFixed(2)}x (target <= 2.5x)`);
    console.log(`lvscc lint seed / node -e 0: ${(measured['lvscc lint seed-tun.yaml'] / node0).toFixed(2)}x (target <= 2.5x)`);
    for (const where of Object.keys(outputs)) {
      console.log(`lvscc build M (${where}) / keepalived -t: ${(measured[`lvscc build M (fresh, ${where})`] / keepalived).toFixed(1)}x (target <= 10x)`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (shm) rmSync(shm, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await measureOne(process.argv[3], process.argv[4]);
else if (process.argv[2] === '--worst') {
  const { lint } = await import('../dist/compile.js');
  const text = worstCaseShapes()[process.argv[3]];
  const since = process.cpuUsage();
  const t = performance.now();
  const { diagnostics } = lint(text, { fileName: 'worst.yaml' });
  const cpu = cpuMs(since);
  process.stdout.write(JSON.stringify({ ms: performance.now() - t, cpu, diagnostics: diagnostics.length, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
} else if (process.argv[2] === '--yaml') {
  // yaml's own parse of a worst shape, as the loader configures it: what no change to lvscc can take back.
  const { parseDocument } = await import('yaml');
  const text = worstCaseShapes()[process.argv[3]];
  const since = process.cpuUsage();
  parseDocument(text, { uniqueKeys: false, strict: true, prettyErrors: false, keepSourceTokens: false });
  process.stdout.write(JSON.stringify({ cpu: cpuMs(since) }));
} else await main();
