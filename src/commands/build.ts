// `lvscc build FILE -o DIR`: lints, then writes every host's files into a deterministic bundle.
import * as Args from '@oclif/core/args';
import { Command } from '@oclif/core/command';
import * as Errors from '@oclif/core/errors';
import * as Flags from '@oclif/core/flags';
import { buildKey, currentBundle, lvsccIdentity } from '../bundle/build-cache.js';
import { BundleError, writeBundle } from '../bundle/write.js';
import { InputError, readInput } from '../cli/io.js';
import { basename } from 'node:path';
import { unsafeSourceName } from '../bundle/source-name.js';
import { formatFlag, maxBytesFlag, maxDiagnosticsFlag, maxFilesFlag, maxOutputBytesFlag, strictFlag } from '../cli/flags.js';
import { buildResult, cappedDiagnostics, exitCodeFor, printBuildJson, printDiagnostics, type BuildResult } from '../cli/report.js';
import { Progress } from '../cli/progress.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { sourceOf, type SourceFile } from '../source/source-file.js';

export default class Build extends Command {
  static override summary = 'Lint a topology and write the bundle of every host.';
  static override description =
    'Errors stop the build and nothing is written. The bundle directory gets manifest.json and hosts/<host>/ with apply.sh, teardown.sh and rootfs/. Unchanged files are left untouched; files the topology no longer produces are removed. Rebuilding an unchanged input with the same lvscc only checks the bundle against its manifest. Diagnostics and the summary line go to stdout; with --format json stdout is one document, the diagnostics and the result (files written, unchanged and removed, per host; null when the build stopped).';
  static override examples = [
    '<%= config.bin %> build fixtures/seed-tun.yaml -o out',
    '<%= config.bin %> build topology.yaml -o out --format json | jq .result.written',
  ];
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
      summary:
        'Sync every new file and directory to disk before the commit, so that a power loss cannot leave empty files in the new bundle (slower on a disk).',
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
      this.diagnostics(current.diagnostics, () => sourceOf(input, args.file), flags);
      if (this.stopped(current.diagnostics, flags, args.file)) return;
      this.summary(flags, args.file, current.diagnostics, buildResult(flags.output, { written: [], unchanged: current.files, removed: [] }));
      return;
    }
    // Loaded only now: a rebuild that finds the bundle current needs no parser, rule, target or template.
    const { compile } = await import('../compile.js');
    const result = compile(input, { fileName: args.file, maxBytes: flags['max-bytes'], version: this.config.version });
    this.diagnostics(result.diagnostics, () => result.source, flags);
    if (this.stopped(result.diagnostics, flags, args.file)) return;
    if (!result.manifest) throw new Error('internal error: a build without errors has no manifest');
    const fileCount = result.files.length + 1;
    if (fileCount > flags['max-files']) {
      throw new Errors.CLIError(
        `the bundle would hold ${fileCount} files, more than --max-files ${flags['max-files']}; nothing was written (raise the limit if the topology is really meant to be this large)`,
        { exit: 2 },
      );
    }
    let bytes = 0;
    for (const file of result.files) bytes += Buffer.byteLength(file.content);
    if (bytes > flags['max-output-bytes']) {
      throw new Errors.CLIError(
        `the bundle would hold ${bytes} bytes, more than --max-output-bytes ${flags['max-output-bytes']}; nothing was written (raise the limit if the topology is really meant to be this large)`,
        { exit: 2 },
      );
    }
    const progress = Progress.forBuild(Object.keys(result.manifest.hosts).length, result.files.length);
    try {
      const stats = writeBundle(
        flags.output,
        [...result.files, ...result.clusterFiles],
        result.manifest,
        { key, diagnostics: result.diagnostics },
        { durable: flags.fsync },
      );
      progress?.done();
      this.summary(flags, args.file, result.diagnostics, buildResult(flags.output, stats, result.manifest));
    } catch (error) {
      progress?.done();
      if (error instanceof BundleError) throw new Errors.CLIError(error.message, { exit: 2 });
      throw error;
    }
  }

  /**
   * Diagnostics on stdout, as lint prints them, at most --max-diagnostics of them (the exit status counts
   * all) and a line on stderr with how many more; with --format json they wait for the one document at the end.
   */
  private diagnostics(diagnostics: Diagnostic[], source: () => SourceFile, flags: { format: string; 'max-diagnostics': number }): void {
    if (flags.format !== 'json') printDiagnostics(cappedDiagnostics(diagnostics, flags['max-diagnostics']), source(), flags.format, this.config.version);
  }

  /** True (exit status 1, nothing written) when the diagnostics stop the build. */
  private stopped(diagnostics: Diagnostic[], flags: { format: string; strict: boolean; 'max-diagnostics': number }, file: string): boolean {
    if (exitCodeFor(diagnostics, flags.strict) === 0) return false;
    if (flags.format === 'json') printBuildJson(cappedDiagnostics(diagnostics, flags['max-diagnostics']), file, undefined);
    process.stderr.write('lvscc: build stopped; nothing was written\n');
    process.exitCode = 1;
    return true;
  }

  /** What was written: one line on stdout (on stderr with SARIF, so stdout stays one document), or the JSON document's result. */
  private summary(flags: { output: string; format: string; 'max-diagnostics': number }, file: string, diagnostics: Diagnostic[], result: BuildResult): void {
    if (flags.format === 'json') return printBuildJson(cappedDiagnostics(diagnostics, flags['max-diagnostics']), file, result);
    const hosts = Object.keys(result.hosts);
    const named = hosts.length <= 8 ? `: ${hosts.join(', ')}` : '';
    const line = `${flags.output}: ${result.written.length} written, ${result.unchanged} unchanged, ${result.removed.length} removed; ${hosts.length} hosts${named}; see ${result.manifest}`;
    if (flags.format === 'human') this.log(line);
    else process.stderr.write(`${line}\n`);
  }
}
