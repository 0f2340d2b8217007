// `lvscc import FILE...`: keepalived.conf, ipvsadm rules or ldirectord.cf in, one commented topology out.
import { writeFileSync } from 'node:fs';
import * as Args from '@oclif/core/args';
import { Command } from '@oclif/core/command';
import * as Errors from '@oclif/core/errors';
import * as Flags from '@oclif/core/flags';
import { compareRoundTrip } from '../import/compare.js';
import { importFiles } from '../import/index.js';
import { nodeFiles as files } from '../import/node-files.js';
import { renderProblems, renderReport, reportJson } from '../import/report.js';

export default class Import extends Command {
  static override summary = 'Turn keepalived.conf, ipvsadm rules or ldirectord.cf into a topology.';
  static override description =
    "Reads each FILE (one per director; the kind is told by its content) and writes one topology that lints clean, with a YAML comment at every guess (host names, interfaces, a director's own address). A report on standard error (in the JSON document with --format json) lists what became a field (native), what was carried as a keepalivedLines entry, and what was dropped, with the reason. --verify builds the topology and compares the generated keepalived.conf (or ipvsadm rules) with the original by meaning. Exit status: 0 imported (and, with --verify, no difference), 1 bad input, a topology that does not lint or differences, 2 usage or I/O error.";
  static override examples = [
    '<%= config.bin %> import /etc/keepalived/keepalived.conf -o topology.yaml',
    '<%= config.bin %> import lb1/keepalived.conf lb2/keepalived.conf --verify',
    'ipvsadm-save -n > rules && <%= config.bin %> import rules --format json',
  ];
  static override strict = false;
  static override args = {
    file: Args.string({ required: true, description: 'keepalived.conf, ipvsadm-save output or ldirectord.cf; several for several directors.' }),
  };
  static override flags = {
    output: Flags.string({ char: 'o', summary: 'File to write the topology to (default: standard output).' }),
    format: Flags.string({
      char: 'f',
      summary: 'yaml: the topology, the report on stderr; json: one document with both.',
      options: ['yaml', 'json'],
      default: 'yaml',
    }),
    verify: Flags.boolean({ summary: 'Build the topology and compare the generated configuration with the original by meaning.', default: false }),
    'config-id': Flags.string({ summary: "keepalived's -i: the id whose `@id` lines apply (default: none, so only `@^id` lines apply)." }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Import);
    const paths = argv as string[];
    for (const path of paths) {
      if (files.read(path) === undefined) throw new Errors.CLIError(`cannot read ${path}`, { exit: 2 });
    }
    const options = flags['config-id'] === undefined ? {} : { configId: flags['config-id'] };
    const comparison = flags.verify ? compareRoundTrip(paths, files, options) : undefined;
    const result = comparison?.imported ?? importFiles(paths, files, options);
    const differences = comparison?.differences;
    const lintErrors = result.lint.some((d) => d.severity === 'error') || Boolean(comparison?.buildErrors?.length);
    const failed = !result.yaml || lintErrors || Boolean(differences?.length);
    if (flags.format === 'json') process.stdout.write(reportJson(result, differences, comparison?.accepted));
    else {
      process.stderr.write(renderProblems(result, Boolean(process.stderr.isTTY) && !process.env.NO_COLOR));
      if (result.yaml) process.stderr.write(renderReport(result, differences, comparison?.accepted));
    }
    if (result.yaml && flags.format === 'yaml') {
      if (flags.output === undefined) process.stdout.write(result.yaml);
      else
        try {
          writeFileSync(flags.output, result.yaml);
        } catch (error) {
          throw new Errors.CLIError(`cannot write ${flags.output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { exit: 2 });
        }
    }
    if (failed) process.exitCode = 1;
  }
}
