// `lvscc init`: writes a commented starter topology (TUN, DR, NAT or HA) and the schema it points yaml-language-server at.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import * as Args from '@oclif/core/args';
import { Command } from '@oclif/core/command';
import * as Errors from '@oclif/core/errors';
import * as Flags from '@oclif/core/flags';
import { renderTemplate } from '../render/handlebars.js';
import { topologySchemaText } from '../schema/text.js';

/** The starters of `--template`, each templates/init/<name>.yaml.hbs. */
export const INIT_TEMPLATES = ['tun', 'dr', 'nat', 'ha'] as const;

/** The `$schema` value that resolves to `schemaFile` from the directory of `topologyFile` (POSIX separators, `./` or `../` first). */
export function schemaReference(topologyFile: string, schemaFile: string): string {
  const path = relative(dirname(topologyFile), schemaFile).split(sep).join('/');
  return path.startsWith('../') ? path : `./${path}`;
}

export default class Init extends Command {
  static override summary = 'Write a commented starter topology and its JSON Schema.';
  static override description =
    "Writes FILE (default topology.yaml) with a starter cluster (--template: tun, the classic LVS TUN cluster behind an edge router; dr, direct routing on one segment; nat, a two-legged NAT director; ha, two keepalived directors in a VRRP pair with health checks) and topology.schema.json beside it, or at --schema. The first line of FILE points yaml-language-server at the schema by a path relative to FILE's directory. An existing schema file with the same bytes is kept; a different one, or an existing FILE, needs --force.";
  static override examples = [
    '<%= config.bin %> init',
    '<%= config.bin %> init site/web.yaml --template ha',
    '<%= config.bin %> init site/web/topology.yaml --schema site/topology.schema.json',
  ];
  static override args = { file: Args.string({ default: 'topology.yaml', description: 'Topology file to create.' }) };
  static override flags = {
    template: Flags.string({ char: 't', summary: 'Starter cluster to write.', options: [...INIT_TEMPLATES], default: 'tun' }),
    schema: Flags.string({ summary: 'Where to write the schema (default: topology.schema.json beside FILE).' }),
    force: Flags.boolean({ summary: 'Overwrite existing files.', default: false }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Init);
    const schemaFile = flags.schema ?? join(dirname(args.file), 'topology.schema.json');
    if (existsSync(args.file) && !flags.force) throw new Errors.CLIError(`${args.file} already exists; use --force to overwrite it`, { exit: 2 });
    const schemaCurrent = existsSync(schemaFile) && sameBytes(schemaFile, topologySchemaText);
    if (existsSync(schemaFile) && !schemaCurrent && !flags.force) {
      throw new Errors.CLIError(`${schemaFile} already exists and is not this lvscc's schema; use --force to overwrite it`, { exit: 2 });
    }
    const text = renderTemplate(`init/${flags.template}.yaml.hbs`, { schemaPath: schemaReference(args.file, schemaFile), fileName: basename(args.file) });
    let writing = schemaFile;
    try {
      if (!schemaCurrent) writeFileSync(schemaFile, topologySchemaText);
      writing = args.file;
      writeFileSync(args.file, text);
    } catch (error) {
      throw new Errors.CLIError(`cannot write ${writing}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { exit: 2 });
    }
    const schemaNote = schemaCurrent ? `kept ${schemaFile} (already this lvscc's schema)` : `wrote ${schemaFile}`;
    this.log(`wrote ${args.file} (${flags.template} starter); ${schemaNote}; check it with: lvscc lint ${args.file}`);
  }
}

/** True when the file holds exactly `text` (an unreadable file counts as different). */
function sameBytes(file: string, text: string): boolean {
  try {
    return readFileSync(file).equals(Buffer.from(text));
  } catch {
    return false;
  }
}
