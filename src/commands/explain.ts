// `lvscc explain [CODE]`: prints the long explanation of a diagnostic code, with a bad and a fixed example; without a code, lists every code.
import * as Args from '@oclif/core/args';
import { Command } from '@oclif/core/command';
import * as Errors from '@oclif/core/errors';
import { codeList, explain } from '../diagnostics/explain.js';

export default class Explain extends Command {
  static override summary = 'Explain a diagnostic code, with a failing and a fixed example; without a code, list them all.';
  static override examples = ['<%= config.bin %> explain LVS201', '<%= config.bin %> explain'];
  static override args = { code: Args.string({ required: false, description: 'Diagnostic code, e.g. LVS201.' }) };

  async run(): Promise<void> {
    const { args } = await this.parse(Explain);
    if (args.code === undefined) {
      process.stdout.write(codeList());
      return;
    }
    const text = explain(args.code);
    if (text === undefined) throw new Errors.CLIError(`unknown diagnostic code ${args.code}: codes look like LVS201`, { exit: 2 });
    process.stdout.write(text);
  }
}
