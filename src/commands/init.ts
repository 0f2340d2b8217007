// `lvscc init`: writes a commented starter topology (the seed cluster) and the schema beside it.
import { existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as Args from '@oclif/core/args';
import { Command } from '@oclif/core/command';
import * as Errors from '@oclif/core/errors';
import * as Flags from '@oclif/core/flags';
import { renderTemplate } from '../render/handlebars.js';
import { topologySchemaText } from '../schema/text.js';

export default class Init extends Command {
  static override summary = 'Write a commented starter topology and its JSON Schema.';
  static override description =
    'Writes FILE (default topology.yaml) with the classic LVS TUN cluster and topology.schema.json beside it; the first line of FILE points yaml-language-server at the schema.';
  static override examples = ['<%= config.bin %> init', '<%= config.bin %> init site/web.yaml'];
  static override args = { file: Args.string({ default: 'topology.yaml', description: 'Topology file to create.' }) };
  static override flags = { force: Flags.boolean({ summary: 'Overwrite existing files.', default: false }) };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Init);
    const schemaFile = join(dirname(args.file), 'topology.schema.json');
    for (const file of [args.file, schemaFile]) {
      if (existsSync(file) && !flags.force) throw new Errors.CLIError(`${file} already exists; use --force to overwrite it`, { exit: 2 });
    }
    const text = renderTemplate('init/topology.yaml.hbs', { schemaPath: './topology.schema.json', fileName: basename(args.file) });
    try {
      writeFileSync(schemaFile, topologySchemaText);
      writeFileSync(args.file, text);
    } catch (error) {
      throw new Errors.CLIError(`cannot write ${args.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { exit: 2 });
    }
    this.log(`wrote ${args.file} and ${schemaFile}; check it with: lvscc lint ${args.file}`);
  }
}
