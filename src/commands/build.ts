// `lvscc build FILE -o DIR`: lints, then writes every host's files into a deterministic bundle.
import * as Args from '@oclif/core/args';
import { Command } from '@oclif/core/command';
import * as Errors from '@oclif/core/errors';
import * as Flags from '@oclif/core/flags';
import { buildKey, currentBundle, lvsccIdentity } from '../bundle/build-cache.js';
import { BundleError, writeBundle } from '../bundle/write.js';
import { InputError, readInput } from '../cli/io.js';
import { formatFlag, maxBytesFlag, maxDiagnosticsFlag, maxFilesFlag, maxOutputBytesFlag, strictFlag } from '../cli/flags.js';
import { exitCodeFor, printDiagnostics } from '../cli/report.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { sourceOf, type SourceFile } from '../source/source-file.js';
import { unsafeSourceName } from '../bundle/source-name.js';
import { basename } from 'node:path';

export default class Build extends Command {
  static override summary = 'Lint a topology and write the bundle of every host.';
  static override description =
    'Errors stop the build and nothing is written. The bundle directory gets manifest.json and hosts/<host>/ with apply.sh, teardown.sh and rootfs/. Unchanged files are left untouched; files the topology no longer produces are removed. Rebuilding an unchanged input with the same lvscc only checks the bundle against its manifest.';
  static override examples = ['<%= config.bin %> build fixtures/seed-tun.yaml -o out'];
  static override args = { file: Args.string({ required: true, description: 'Topology file (YAML), or - for standard input.' }) };
  static override flags = {
    output: Flags.string({ char: 'o', summary: 'Bundle directory to write.', required: true }),
    format: formatFlag,
    strict: strictFlag,
    'max-bytes': maxBytesFlag,
    'max-files': maxFilesFlag,
    'max-output-bytes': maxOutputBytesFlag,
    'max-diagnostics': maxDiagnosticsFlag,
    fsync: Flags.boolean({
      summary: 'Sync every new file and directory to disk before the commit, so that a power loss cannot leave empty files in the new bundle (slower on a disk).',
      default: false,
    }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Build);
    const unsafeName = args.file === '-' ? undefined : unsafeSourceName(basename(args.file));
    if (unsafeName) throw new Errors.CLIError(unsafeName, { exit: 2 });
    let input: Uint8Array;
    try {
      input = readInput(args.file, flags['max-bytes']);
    } catch (error) {
      if (error instanceof InputError) throw new Errors.CLIError(error.message, { exit: 2 });
      throw error;
    }
    const key = buildKey(lvsccIdentity(), args.file, input);
    // The same input, built by this same lvscc into a bundle nobody has changed since: nothing to compile or write.
    const current = currentBundle(flags.output, key);
    if (current) {
      this.print(current.diagnostics, sourceOf(input, args.file), flags);
      if (this.stopped(current.diagnostics, flags.strict)) return;
      this.summary(flags, { written: 0, unchanged: current.files, removed: 0 }, current.hosts);
      return;
    }
    // Loaded only now: a rebuild that finds the bundle current needs no parser, rule, target or template.
    const { compile } = await import('../compile.js');
    const result = compile(input, { fileName: args.file, maxBytes: flags['max-bytes'], version: this.config.version });
    this.print(result.diagnostics, result.source, flags);
    if (this.stopped(result.diagnostics, flags.strict)) return;
    if (!result.manifest) throw new Error('internal error: a build without errors has no manifest');
    const fileCount = result.files.length + 1;
    if (fileCount > flags['max-files']) {
      throw new Errors.CLIError(`the bundle would hold ${fileCount} files, more than --max-files ${flags['max-files']}; nothing was written (raise the limit if the topology is really meant to be this large)`, { exit: 2 });
    }
    let bytes = 0;
    for (const file of result.files) bytes += Buffer.byteLength(file.content);
    if (bytes > flags['max-output-bytes']) {
      throw new Errors.CLIError(`the bundle would hold ${bytes} bytes, more than --max-output-bytes ${flags['max-output-bytes']}; nothing was written (raise the limit if the topology is really meant to be this large)`, { exit: 2 });
    }
    try {
      const stats = writeBundle(flags.output, result.files, result.manifest, { key, diagnostics: result.diagnostics }, { durable: flags.fsync });
      this.summary(flags, { written: stats.written.length, unchanged: stats.unchanged, removed: stats.removed.length }, Object.keys(result.manifest.hosts));
    } catch (error) {
      if (error instanceof BundleError) throw new Errors.CLIError(error.message, { exit: 2 });
      throw error;
    }
  }

  /** Prints at most --max-diagnostics diagnostics (the exit status still counts all), then a line with how many more there were. */
  private print(diagnostics: Diagnostic[], source: SourceFile, flags: { format: string; 'max-diagnostics': number }): void {
    const limit = flags['max-diagnostics'];
    printDiagnostics(diagnostics.length > limit ? diagnostics.slice(0, limit) : diagnostics, source, flags.format, this.config.version, process.stderr);
    if (diagnostics.length > limit) process.stderr.write(`lvscc: ${diagnostics.length - limit} more diagnostics not printed (--max-diagnostics ${limit})\n`);
  }

  /** True (exit status 1, nothing written) when the diagnostics stop the build. */
  private stopped(diagnostics: Diagnostic[], strict: boolean): boolean {
    if (exitCodeFor(diagnostics, strict) === 0) return false;
    process.stderr.write('lvscc: build stopped; nothing was written\n');
    process.exitCode = 1;
    return true;
  }

  /** One line on what was written: on stdout, unless stdout carries JSON or SARIF diagnostics. */
  private summary(flags: { output: string; format: string }, counts: { written: number; unchanged: number; removed: number }, hosts: string[]): void {
    const named = hosts.length <= 8 ? `: ${hosts.join(', ')}` : '';
    const line = `${flags.output}: ${counts.written} written, ${counts.unchanged} unchanged, ${counts.removed} removed; ${hosts.length} hosts${named}; see ${flags.output}/manifest.json`;
    if (flags.format === 'human') this.log(line);
    else process.stderr.write(`${line}\n`);
  }
}
