// `lvscc plan OLD NEW`: what changes between two topologies (or a bundle and a topology), where, and what it does to traffic.
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import * as Args from '@oclif/core/args';
import { Command } from '@oclif/core/command';
import * as Errors from '@oclif/core/errors';
import * as Flags from '@oclif/core/flags';
import { unsafeSourceName } from '../bundle/source-name.js';
import { BundleReadError, readBundleSide } from '../change/bundle-side.js';
import { planChange, topologyInput, topologyInputs, type PlanInput, type TopologySide } from '../change/index.js';
import { renderPlanHuman, renderPlanMarkdown } from '../change/render.js';
import { maxBytesFlag } from '../cli/flags.js';
import { InputError, readInput } from '../cli/io.js';
import { printDiagnostics } from '../cli/report.js';
import type { ResolvedModel } from '../model/resolved.js';

/** The values of `lvscc plan --format`. */
const PLAN_FORMATS = ['human', 'json', 'markdown'] as const;

export default class Plan extends Command {
  static override summary = 'Show what a topology change does: files, reloads, impact on traffic and a safe rollout order.';
  static override description =
    'Compiles NEW and compares it with OLD, a topology file or an existing bundle directory (its manifest). Prints per host the files added, changed and removed (--diff: unified diffs) and the actions to run in order; each change of the traffic model with its impact class (none, reload, drain, failover, disruptive) and the reason; and a rollout order that keeps clients whole. A bundle records its topology only by hash, so against a bundle the changes are listed but not classified. Exit status: 0 (with --detailed-exitcode: 0 no changes, 3 changes), 1 lint errors in either topology (printed as lint prints them), 2 usage or I/O errors.';
  static override examples = [
    '<%= config.bin %> plan old.yaml topology.yaml',
    '<%= config.bin %> plan out/ topology.yaml --diff',
    '<%= config.bin %> plan main.yaml topology.yaml --format markdown > plan.md',
    '<%= config.bin %> plan old.yaml topology.yaml --format json --detailed-exitcode',
  ];
  static override args = {
    old: Args.string({ required: true, description: 'The current state: a topology file (YAML) or a bundle directory built by lvscc build.' }),
    new: Args.string({ required: true, description: 'The proposed topology file (YAML), or - for standard input.' }),
  };
  static override flags = {
    format: Flags.string({
      char: 'f',
      summary: 'Output format: human, json (schema/plan.schema.json) or markdown (a pull-request comment).',
      options: [...PLAN_FORMATS],
      default: 'human',
    }),
    diff: Flags.boolean({ summary: 'Add the unified diff of every file that changes.', default: false }),
    'detailed-exitcode': Flags.boolean({ summary: 'Exit 0 when nothing changes and 3 when something does (errors stay 1 and 2).', default: false }),
    color: Flags.boolean({ summary: 'Colour the human output (default: on a terminal, unless NO_COLOR is set).', allowNo: true }),
    'max-bytes': maxBytesFlag,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Plan);
    const newName = args.new === '-' ? 'topology.yaml' : basename(args.new);
    const unsafeName = unsafeSourceName(newName);
    if (unsafeName) throw new Errors.CLIError(unsafeName, { exit: 2 });
    const options = (file: string, sourceName: string) => ({ fileName: file, sourceName, maxBytes: flags['max-bytes'], version: this.config.version });
    /** A plan side, or undefined (exit 1) when its topology has errors, which are printed as lint prints them. */
    const accepted = (side: TopologySide | undefined): (PlanInput & { model: ResolvedModel }) | undefined => {
      if (!side || 'input' in side) return side?.input;
      printDiagnostics(side.failed.diagnostics, side.failed.source, flags.format === 'json' ? 'json' : 'human', this.config.version);
      return undefined;
    };
    let before: PlanInput | undefined;
    let after: (PlanInput & { model: ResolvedModel }) | undefined;
    if (args.old !== '-' && isDirectory(args.old)) {
      try {
        before = { kind: 'bundle', name: args.old, bundle: readBundleSide(args.old) };
      } catch (error) {
        if (error instanceof BundleReadError) throw new Errors.CLIError(error.message, { exit: 2 });
        throw error;
      }
      // Compiled under the name the bundle was built from, which every file's header carries.
      const recorded = before.bundle.manifest.source?.file;
      const sourceName = typeof recorded === 'string' && !unsafeSourceName(recorded) ? recorded : newName;
      after = accepted(topologyInput(this.read(args.new, flags['max-bytes']), options(args.new, sourceName)));
    } else {
      // Both compiled under the new topology's name; only the hosts whose files can differ are rendered.
      const oldInput = this.read(args.old, flags['max-bytes']);
      const newInput = this.read(args.new, flags['max-bytes']);
      // One JSON document on stdout: the diagnostics of the first topology with errors.
      const sides = topologyInputs(
        { input: oldInput, options: options(args.old, newName) },
        { input: newInput, options: options(args.new, newName) },
        flags.format === 'json',
      );
      before = accepted(sides.old);
      after = accepted(sides.new);
    }
    if (!before || !after) {
      process.exitCode = 1;
      return;
    }
    const plan = planChange(before, after, { diff: flags.diff });
    if (flags.format === 'json') process.stdout.write(JSON.stringify(plan, null, 2) + '\n');
    else if (flags.format === 'markdown') process.stdout.write(renderPlanMarkdown(plan));
    else process.stdout.write(renderPlanHuman(plan, flags.color ?? (Boolean(process.stdout.isTTY) && !process.env.NO_COLOR)));
    if (flags['detailed-exitcode'] && plan.changes) process.exitCode = 3;
  }

  /** A topology's bytes; an unreadable file exits 2. */
  private read(file: string, maxBytes: number): Uint8Array {
    try {
      return readInput(file, maxBytes);
    } catch (error) {
      if (error instanceof InputError) throw new Errors.CLIError(error.message, { exit: 2 });
      throw error;
    }
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
