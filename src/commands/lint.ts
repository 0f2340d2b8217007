// `lvscc lint FILE`: checks a topology and prints diagnostics (human, JSON or SARIF).
import * as Args from '@oclif/core/args';
import { Command } from '@oclif/core/command';
import * as Errors from '@oclif/core/errors';
import { formatFlag, maxBytesFlag, maxDiagnosticsFlag, strictFlag } from '../cli/flags.js';
import { InputError } from '../cli/io.js';
import { lintFile } from '../cli/lint-file.js';

export default class Lint extends Command {
  static override summary = 'Check a topology file for errors and conflicts.';
  static override description =
    'Validates the topology against the schema and runs every lint rule. Exit status: 0 clean (warnings allowed unless --strict), 1 findings, 2 usage or I/O error.';
  static override examples = ['<%= config.bin %> lint fixtures/seed-tun.yaml', '<%= config.bin %> lint topology.yaml --format sarif > lvscc.sarif'];
  static override args = { file: Args.string({ required: true, description: 'Topology file (YAML), or - for standard input.' }) };
  static override flags = { format: formatFlag, strict: strictFlag, 'max-bytes': maxBytesFlag, 'max-diagnostics': maxDiagnosticsFlag };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Lint);
    try {
      process.exitCode = lintFile(
        { file: args.file, format: flags.format, strict: flags.strict, maxBytes: flags['max-bytes'], maxDiagnostics: flags['max-diagnostics'] },
        this.config.version,
      );
    } catch (error) {
      if (error instanceof InputError) throw new Errors.CLIError(error.message, { exit: 2 });
      throw error;
    }
  }
}
