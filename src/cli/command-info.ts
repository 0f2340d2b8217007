// The registered commands as plain data (id, summary, flags, arguments, examples): what completion scripts and docs/commands.md are made from.
import type { Command } from '@oclif/core/command';

/** One flag of a command. */
export interface FlagInfo {
  name: string;
  char?: string;
  summary: string;
  /** True for a flag that takes a value. */
  takesValue: boolean;
  /** The allowed values, when the flag has a fixed list. */
  options?: string[];
  default?: string;
  required: boolean;
  /** What a value is, for completion: a directory, a file, or anything (no completion). */
  completes: 'directory' | 'file' | 'none';
}

/** One positional argument of a command. */
export interface ArgInfo {
  name: string;
  description: string;
  required: boolean;
  default?: string;
  /** The allowed values, when the argument has a fixed list. */
  options?: string[];
  /** What the argument is, for completion: a file, a command name, one of `options`, or anything. */
  completes: 'file' | 'command' | 'options' | 'none';
}

/** One command as completion and the command reference see it. */
export interface CommandInfo {
  /** The command as typed after `lvscc` (topic separator applied). */
  id: string;
  summary: string;
  description?: string;
  examples: string[];
  flags: FlagInfo[];
  args: ArgInfo[];
}

/** The visible commands of an oclif config, sorted by id, with `<%= config.bin %>` in examples replaced by `bin`. */
export function commandInfos(commands: readonly Command.Loadable[], bin: string): CommandInfo[] {
  const expand = (text: string): string => text.replace(/<%= ?config\.bin ?%>/g, bin);
  return commands
    .filter((c) => !c.hidden)
    .map((c) => ({
      id: c.id.split(':').join(' '),
      summary: expand(c.summary ?? c.description?.split('\n')[0] ?? ''),
      ...(c.summary && c.description && { description: expand(c.description) }),
      examples: (c.examples ?? []).map((e) => expand(typeof e === 'string' ? e : e.command)),
      flags: Object.values(c.flags ?? {})
        .filter((f) => !f.hidden)
        .map((f): FlagInfo => {
          const takesValue = f.type === 'option';
          const options = takesValue && f.options ? [...f.options] : undefined;
          return {
            name: f.name,
            ...(f.char && { char: f.char }),
            summary: expand(f.summary ?? f.description ?? ''),
            takesValue,
            ...(options && { options }),
            ...(takesValue && f.default !== undefined && typeof f.default !== 'function' && { default: String(f.default) }),
            required: Boolean(f.required),
            completes: !takesValue || options ? 'none' : f.name === 'output' ? 'directory' : /bytes|count|size/.test(f.name) ? 'none' : 'file',
          };
        })
        .sort((a, b) => a.name.localeCompare(b.name)),
      args: Object.values(c.args ?? {}).map((a): ArgInfo => ({
        name: a.name,
        description: expand(a.description ?? ''),
        required: Boolean(a.required),
        ...(a.default !== undefined && typeof a.default !== 'function' && { default: String(a.default) }),
        ...(a.options && { options: [...a.options] }),
        completes: a.options ? 'options' : a.name === 'file' ? 'file' : a.name === 'command' || a.name === 'commands' ? 'command' : 'none',
      })),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}
