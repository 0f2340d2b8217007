// `lvscc graph FILE`: the cluster as a picture (Mermaid, Graphviz DOT or SVG), on stdout or into a file.
import { writeFileSync } from 'node:fs';
import * as Args from '@oclif/core/args';
import { Command } from '@oclif/core/command';
import * as Errors from '@oclif/core/errors';
import * as Flags from '@oclif/core/flags';
import { maxBytesFlag } from '../cli/flags.js';
import { InputError, readInput } from '../cli/io.js';
import { printDiagnostics } from '../cli/report.js';
import { lint } from '../front-end.js';
import { GRAPH_FORMATS, renderGraph, type GraphFormat } from '../graph/index.js';

export default class Graph extends Command {
  static override summary = 'Draw the cluster: clients, edge router, directors, services and real servers.';
  static override description =
    "Prints the cluster as a picture: request paths solid, reply paths dashed, so that TUN and DR replies visibly go from the real servers straight back to the clients and NAT replies back through the director. A service with more than 8 real servers is drawn with one node for all of them (first..last name, count, weights). Mermaid (the default) renders in GitHub Markdown; SVG is laid out in-process by Graphviz compiled to WebAssembly. A topology with errors gets lint's diagnostics on stderr and exit 1; an unreadable or unwritable file exits 2.";
  static override examples = [
    '<%= config.bin %> graph fixtures/seed-tun.yaml',
    '<%= config.bin %> graph fixtures/seed-tun.yaml --format svg -o cluster.svg',
    '<%= config.bin %> graph topology.yaml --format dot | dot -Tpng > cluster.png',
  ];
  static override args = { file: Args.string({ required: true, description: 'Topology file (YAML), or - for standard input.' }) };
  static override flags = {
    format: Flags.string({ char: 'f', summary: 'Picture format.', options: [...GRAPH_FORMATS], default: 'mermaid' }),
    output: Flags.string({ char: 'o', summary: 'File to write the picture to (default: standard output).' }),
    'max-bytes': maxBytesFlag,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Graph);
    let input: Uint8Array;
    try {
      input = readInput(args.file, flags['max-bytes']);
    } catch (error) {
      if (error instanceof InputError) throw new Errors.CLIError(error.message, { exit: 2 });
      throw error;
    }
    const result = lint(input, { fileName: args.file, maxBytes: flags['max-bytes'] });
    if (!result.resolved) {
      printDiagnostics(result.diagnostics, result.source, 'human', this.config.version, process.stderr);
      process.exitCode = 1;
      return;
    }
    const picture = await renderGraph(result.resolved.model, flags.format as GraphFormat);
    if (flags.output === undefined) {
      process.stdout.write(picture);
      return;
    }
    try {
      writeFileSync(flags.output, picture);
    } catch (error) {
      throw new Errors.CLIError(`cannot write ${flags.output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { exit: 2 });
    }
  }
}
