// `lvscc explain CODE`: prints the long explanation of a diagnostic code, with a bad and a fixed example.
import * as Args from '@oclif/core/args';
import { Command } from '@oclif/core/command';
import * as Errors from '@oclif/core/errors';
import { explain } from '../diagnostics/explain.js';

export default class Explain extends Command {
  static override summary = 'Explain a diagnostic code, with a failing and a fixed example.';
  static override examples = ['<%= config.bin %> explain LVS201'];
  static override args = { code: Args.string({ required: true, description: 'Diagnostic code, e.g. LVS201.' }) };

  async run(): Promise<void> {
    const { args } = await this.parse(Explain);
    const text = explain(args.code);
    if (text === undefined) throw new Errors.CLIError(`unknown diagnostic code ${args.code}: codes look like LVS201`, { exit: 2 });
    process.stdout.write(text);
  }
}
