// oclif's command_not_found hook: an unknown command is a usage error (exit 2) naming the closest command; it never prompts.
import type { Hook } from '@oclif/core/hooks';
import { closest, editDistance } from '../util/closest.js';

/**
 * Reports `lvscc WORD ...` for a WORD that is no command: one line with the closest command, if any is close,
 * and exit status 2. @oclif/plugin-not-found is not used: without a TTY it prints no suggestion at all, on a
 * TTY it asks a question (a hang in a `script`-wrapped CI job), and it exits 127.
 */
const hook: Hook.CommandNotFound = async function (options) {
  // With topicSeparator ' ', oclif joins the words it could not match (`graph dr.yaml` is `graph:dr.yaml`).
  const word = options.id.split(':')[0] ?? options.id;
  const commands = options.config.commands.filter((c) => !c.hidden).flatMap((c) => [c.id, ...c.aliases]);
  // A handful of commands: a looser bound than closest()'s own also catches transpositions (`buidl`).
  const suggestion = closest(word, commands) ?? nearest(word, commands);
  const hint = suggestion ? `did you mean "${options.config.bin} ${suggestion}"? ` : '';
  this.error(`"${word}" is not an ${options.config.bin} command; ${hint}run "${options.config.bin} help" for the list`, { exit: 2 });
};

/** The command within half the word's length of edits (at least 2), if any. */
function nearest(word: string, commands: readonly string[]): string | undefined {
  const scored = commands.map((c) => ({ c, d: editDistance(word, c) })).sort((a, b) => a.d - b.d || a.c.localeCompare(b.c));
  const best = scored[0];
  return best && best.d <= Math.max(2, Math.floor(word.length / 2)) ? best.c : undefined;
}

export default hook;
