// `lvscc try FILE...`: rehearses topologies in a throwaway kernel (the kernel lab) and reports each service's checks.
import * as Args from '@oclif/core/args';
import { Command } from '@oclif/core/command';
import * as Errors from '@oclif/core/errors';
import * as Flags from '@oclif/core/flags';
import { InputError, readInput } from '../cli/io.js';
import { maxBytesFlag } from '../cli/flags.js';
import { printDiagnostics } from '../cli/report.js';
import { SCENARIOS, type Scenario } from '../try/layout.js';
import { renderHuman, renderJson } from '../try/report.js';
import {
  checkLabKernel,
  checkMachine,
  compileAll,
  keepJob,
  removeJob,
  runGuest,
  TryRefusal,
  writeJob,
  type CompileFailure,
  type Compiled,
  type Job,
} from '../try/run.js';

const isFailures = (x: Compiled[] | CompileFailure[]): x is CompileFailure[] => x.length > 0 && 'diagnostics' in x[0]!;

export default class Try extends Command {
  static override summary = 'Rehearse topologies in a throwaway kernel: real IPVS, keepalived and traffic.';
  static override description =
    'Builds each topology into a temporary bundle, boots a disposable Linux kernel under qemu (KVM when a probe boot works, else software emulation) and lays the topology out in it: a network namespace per host, a bridge per L2 segment, the edge router and a client outside it. Every host runs its own apply.sh (and keepalived.conf); a server per real server answers with its name. Checks: traffic (every service through its VIP and its public address, the spread over real servers against the scheduler and weights, TUN and DR replies bypassing the director), health (a stopped listener is dropped by the health check and comes back), failover (the VRRP master dies and the backup serves). Several files run in one boot. Needs root, qemu and the tools the guest borrows from this machine. Exit status: 0 every check passed, 1 a check failed or a topology has errors, 2 the machine cannot run the lab.';
  static override examples = [
    'sudo <%= config.bin %> try fixtures/seed-tun.yaml',
    'sudo <%= config.bin %> try fixtures/lab-ha.yaml --scenario failover',
    'sudo <%= config.bin %> try fixtures/*.yaml --format json | jq .passed',
  ];
  static override strict = false;
  static override args = { file: Args.string({ required: true, description: 'Topology file (YAML); several files run in one boot.' }) };
  static override flags = {
    scenario: Flags.string({ summary: 'Which checks to run.', options: [...SCENARIOS, 'all'], default: 'all' }),
    format: Flags.string({ char: 'f', summary: 'Report format.', options: ['human', 'json'], default: 'human' }),
    keep: Flags.boolean({ summary: 'Keep the bundles, layouts and guest transcript and print where they are.', default: false }),
    timeout: Flags.integer({ summary: 'Seconds before the guest is stopped. Default: 600 per topology, plus 120.', min: 30 }),
    'max-bytes': maxBytesFlag,
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Try);
    const files = argv as string[];
    if (!files.length) throw new Errors.CLIError('lvscc try needs at least one topology file', { exit: 2 });
    const scenarios: Scenario[] = flags.scenario === 'all' ? [...SCENARIOS] : [flags.scenario as Scenario];
    const human = flags.format === 'human';
    // Progress goes to standard error in both formats: with --format json, standard output is the one document.
    const progress = (line: string): void => void process.stderr.write(`${line}\n`);
    const inputs = files.map((file) => {
      try {
        return { file, input: readInput(file, flags['max-bytes']) };
      } catch (error) {
        if (error instanceof InputError) throw new Errors.CLIError(error.message, { exit: 2 });
        throw error;
      }
    });
    // Topologies with errors are reported before the machine is looked at: lint needs no lab.
    const compiled = compileAll(inputs, this.config.version);
    if (isFailures(compiled)) {
      for (const failure of compiled) printDiagnostics(failure.diagnostics, failure.source, human ? 'human' : 'json', this.config.version);
      process.stderr.write(`lvscc try: ${compiled.map((f) => f.file).join(', ')} did not compile; nothing was booted\n`);
      process.exitCode = 1;
      return;
    }
    let job: Job;
    try {
      checkMachine();
      job = writeJob(checkLabKernel().cache, compiled, scenarios);
    } catch (error) {
      if (error instanceof TryRefusal) throw new Errors.CLIError(error.message, { exit: 2 });
      throw error;
    }
    const started = performance.now();
    let kept: string | undefined;
    try {
      const shown = /^(=== begin |PASS: |FAIL: |not ok: |run-in-guest: |# \[)/;
      const run = await runGuest(job, flags.timeout ?? 120 + 600 * job.topologies.length, (line) => {
        if (shown.test(line)) progress(line.startsWith('=== begin try-') ? `lvscc try: ${job.topologies[Number(line.slice(14)) - 1]}` : `  ${line}`);
      });
      if (flags.keep) kept = keepJob(job, run.console);
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      const extra: { accel?: string; seconds: number; kept?: string } = { seconds };
      if (run.accel) extra.accel = run.accel;
      if (kept) extra.kept = kept;
      process.stdout.write(human ? renderHuman(run.reports) : renderJson(run.reports, extra));
      if (human)
        process.stderr.write(
          `lvscc try: ${seconds}s${run.accel ? ` (${run.accel})` : ''}${kept ? `; bundles, layouts and console.log kept in ${kept}` : ''}\n`,
        );
      const ran = run.reports.some((r) => r.transcript.length);
      process.exitCode = run.reports.every((r) => r.passed) && run.status === 0 ? 0 : ran ? 1 : 2;
    } finally {
      if (!kept) removeJob(job);
    }
  }
}
