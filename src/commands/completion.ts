// `lvscc completion bash|zsh|fish`: prints a shell completion script made from the registered commands and flags.
import * as Args from '@oclif/core/args';
import { Command } from '@oclif/core/command';
import { commandInfos } from '../cli/command-info.js';
import { SHELLS, completionScript, type Shell } from '../cli/completion.js';

export default class Completion extends Command {
  static override summary = 'Print a shell completion script for bash, zsh or fish.';
  static override description =
    'The script completes commands, flags, the values of flags with a fixed list (--format, --template) and file arguments; it is generated from the commands lvscc has, so regenerate it after an upgrade. Each script starts with the line that installs it.';
  static override examples = [
    '<%= config.bin %> completion bash > ~/.local/share/bash-completion/completions/<%= config.bin %>',
    '<%= config.bin %> completion zsh > "${fpath[1]}/_<%= config.bin %>"',
    '<%= config.bin %> completion fish > ~/.config/fish/completions/<%= config.bin %>.fish',
  ];
  static override args = { shell: Args.string({ required: true, options: [...SHELLS], description: 'Shell to complete for: bash, zsh or fish.' }) };

  async run(): Promise<void> {
    const { args } = await this.parse(Completion);
    process.stdout.write(completionScript(args.shell as Shell, this.config.bin, commandInfos(this.config.commands, this.config.bin)));
  }
}
