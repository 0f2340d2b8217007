// `lvscc lint` itself, shared by the oclif command and by bin/run.js, which runs the plain forms of `lint FILE`
// (what editors and pre-commit hooks call on every save) without loading oclif: start-up is most of their cost.
import { readFileSync } from 'node:fs';
import { sortDiagnostics } from '../diagnostics/types.js';
import { lint } from '../front-end.js';
import { DEFAULT_MAX_BYTES } from '../source/limits.js';
import { lvsccVersion } from '../version.js';
import { InputError, readInput } from './io.js';
import { DEFAULT_MAX_DIAGNOSTICS, FORMATS, cappedDiagnostics, exitCodeFor, printDiagnostics } from './report.js';
import { staleSchemaDiagnostics } from './schema-reference.js';

export interface LintArgs {
  file: string;
  format: string;
  strict: boolean;
  maxBytes: number;
  maxDiagnostics: number;
}

/** Lints one file and prints its diagnostics; returns the exit status (0 clean, 1 findings). Throws InputError. */
export function lintFile(args: LintArgs, version: string): number {
  const result = lint(readInput(args.file, args.maxBytes), { fileName: args.file, maxBytes: args.maxBytes });
  const stale = staleSchemaDiagnostics(result.source, args.file, runningSchemaText);
  const diagnostics = stale.length ? sortDiagnostics([...result.diagnostics, ...stale]) : result.diagnostics;
  printDiagnostics(cappedDiagnostics(diagnostics, args.maxDiagnostics), result.source, args.format, version);
  return exitCodeFor(diagnostics, args.strict);
}

/**
 * The arguments after `lint` when they are a form the fast path takes: one file path (or `-`) and any of
 * `--strict`, `--format F`, `--format=F`, `-f F`, each at most once, F a known format. Anything else (help,
 * other flags, a bad value, no file or two) is undefined: oclif parses it and reports what is wrong.
 */
export function fastLintArgs(argv: readonly string[]): LintArgs | undefined {
  let file: string | undefined;
  let format: string | undefined;
  let strict = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    let value: string | undefined;
    if (arg === '--strict' && !strict) strict = true;
    else if ((arg === '--format' || arg === '-f') && format === undefined && (value = argv[++i]) !== undefined) format = value;
    else if (arg.startsWith('--format=') && format === undefined) format = arg.slice('--format='.length);
    else if ((arg === '-' || (!arg.startsWith('-') && arg !== '')) && file === undefined) file = arg;
    else return undefined;
  }
  if (file === undefined || (format !== undefined && !(FORMATS as readonly string[]).includes(format))) return undefined;
  return { file, format: format ?? 'human', strict, maxBytes: DEFAULT_MAX_BYTES, maxDiagnostics: DEFAULT_MAX_DIAGNOSTICS };
}

/**
 * Runs `lvscc lint` when `argv` (after `lint`) is a fast-path form, setting the exit status; returns false,
 * having done nothing, for any other form, which oclif then parses as it always does. A file that cannot be
 * read is reported by oclif's own error handler (loaded only then), exactly as the oclif command reports it.
 */
export async function runFastLint(argv: readonly string[]): Promise<boolean> {
  const args = fastLintArgs(argv);
  if (!args) return false;
  try {
    process.exitCode = lintFile(args, lvsccVersion);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const [{ CLIError }, { handle }] = await Promise.all([import('@oclif/core/errors'), import('@oclif/core/handle')]);
    await handle(new CLIError(error.message, { exit: 2 }));
  }
  return true;
}

/** This lvscc's published schema, read only when a topology names a schema file to compare it with. */
function runningSchemaText(): string {
  return readFileSync(new URL('../../schema/topology.schema.json', import.meta.url), 'utf8');
}
