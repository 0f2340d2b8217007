// `lvscc build FILE -o DIR`: lints, then writes every host's files into a deterministic bundle.
import * as Args from '@oclif/core/args';
import { Command } from '@oclif/core/command';
import * as Errors from '@oclif/core/errors';
import * as Flags from '@oclif/core/flags';
import { compile } from '../compile.js';
import { BundleError, writeBundle } from '../bundle/write.js';
import { InputError, readInput } from '../cli/io.js';
import { formatFlag, maxBytesFlag, strictFlag } from '../cli/flags.js';
import { exitCodeFor, printDiagnostics } from '../cli/report.js';

export default class Build extends Command {
  static override summary = 'Lint a topology and write the bundle of every host.';
  static override description =
    'Errors stop the build and nothing is written. The bundle directory gets manifest.json and hosts/<host>/ with apply.sh, teardown.sh and rootfs/. Unchanged files are left untouched; files the topology no longer produces are removed.';
  static override examples = ['<%= config.bin %> build fixtures/seed-tun.yaml -o out'];
  static override args = { file: Args.string({ required: true, description: 'Topology file (YAML), or - for standard input.' }) };
  static override flags = {
    output: Flags.string({ char: 'o', summary: 'Bundle directory to write.', required: true }),
    format: formatFlag,
    strict: strictFlag,
    'max-bytes': maxBytesFlag,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Build);
    let input: Uint8Array;
    try {
      input = readInput(args.file, flags['max-bytes']);
    } catch (error) {
      if (error instanceof InputError) throw new Errors.CLIError(error.message, { exit: 2 });
      throw error;
    }
    const result = compile(input, { fileName: args.file, maxBytes: flags['max-bytes'], version: this.config.version });
    printDiagnostics(result.diagnostics, result.source, flags.format, this.config.version, process.stderr);
    const status = exitCodeFor(result.diagnostics, flags.strict);
    if (status !== 0 || !result.manifest) {
      process.stderr.write('lvscc: build stopped; nothing was written\n');
      process.exitCode = 1;
      return;
    }
    try {
      const stats = writeBundle(flags.output, result.files, result.manifest);
      const hosts = Object.keys(result.manifest.hosts);
      const named = hosts.length <= 8 ? `: ${hosts.join(', ')}` : '';
      this.log(
        `${flags.output}: ${stats.written.length} written, ${stats.unchanged} unchanged, ${stats.removed.length} removed; ${hosts.length} hosts${named}; see ${flags.output}/manifest.json`,
      );
    } catch (error) {
      if (error instanceof BundleError) throw new Errors.CLIError(error.message, { exit: 2 });
      throw error;
    }
  }
}
