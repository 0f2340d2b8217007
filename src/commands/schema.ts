// `lvscc schema`: prints the topology JSON Schema (draft-07) for editors and other tools.
import { Command } from '@oclif/core/command';
import { topologySchemaText } from '../schema/text.js';

export default class Schema extends Command {
  static override summary = 'Print the topology JSON Schema (draft-07).';
  static override description =
    'Save it next to your topologies and point yaml-language-server at it with a `# yaml-language-server: $schema=./topology.schema.json` line for completion and checks in the editor.';
  static override examples = ['<%= config.bin %> schema > topology.schema.json'];

  async run(): Promise<void> {
    await this.parse(Schema);
    process.stdout.write(topologySchemaText);
  }
}
