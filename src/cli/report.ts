// Prints diagnostics in the chosen format (always on stdout, the report stream of every command), the build result, and the exit status.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/types.js';
import { renderHuman } from '../diagnostics/render-human.js';
import { renderJson } from '../diagnostics/render-json.js';
import { renderSarif } from '../diagnostics/render-sarif.js';
import type { SourceFile } from '../source/source-file.js';

/** The values of --format. */
export const FORMATS = ['human', 'json', 'sarif'] as const;

/** Writes diagnostics on stdout (for lint and build alike: a format flag changes the format, never the stream). */
export function printDiagnostics(
  diagnostics: Diagnostic[],
  source: SourceFile,
  format: string,
  version: string,
  stream: NodeJS.WriteStream = process.stdout,
): void {
  if (format === 'json') process.stdout.write(renderJson(diagnostics, source.name));
  else if (format === 'sarif') process.stdout.write(renderSarif(diagnostics, source.name, version));
  else stream.write(renderHuman(diagnostics, source, { color: Boolean(stream.isTTY) && !process.env.NO_COLOR }));
}

/** Default of `--max-diagnostics`: most diagnostics printed; a last line counts the rest. */
export const DEFAULT_MAX_DIAGNOSTICS = 1000;

/** The first `limit` diagnostics; a line on stderr says how many more there were (the exit status counts them all). */
export function cappedDiagnostics(diagnostics: Diagnostic[], limit: number): Diagnostic[] {
  if (diagnostics.length <= limit) return diagnostics;
  process.stderr.write(`lvscc: ${diagnostics.length - limit} more diagnostics not printed (--max-diagnostics ${limit})\n`);
  return diagnostics.slice(0, limit);
}

/** 1 when there are errors (or warnings under --strict), else 0. */
export function exitCodeFor(diagnostics: Diagnostic[], strict: boolean): number {
  return diagnostics.some((d) => d.severity === 'error' || (strict && d.severity === 'warning')) ? 1 : 0;
}

/** What one host's part of a bundle build did. */
export interface HostResult {
  /** Bundle paths written (new or changed). */
  written: string[];
  /** How many of the host's files already had their bytes and mode. */
  unchanged: number;
  /** Bundle paths the previous bundle had and this one does not. */
  removed: string[];
}

/** The result part of `lvscc build --format json`. */
export interface BuildResult {
  /** The bundle directory, as given to -o. */
  output: string;
  /** Path of the bundle's manifest.json. */
  manifest: string;
  /** Every bundle path written, manifest.json included when it changed. */
  written: string[];
  /** How many files (manifest.json included) were already current. */
  unchanged: number;
  removed: string[];
  /** Per host of the new manifest, by name; a host the topology no longer has appears only in `removed`. */
  hosts: Record<string, HostResult>;
}

/** The build result from writeBundle's stats; without `manifest` it is read from the bundle (a rebuild that wrote nothing). */
export function buildResult(
  output: string,
  stats: { written: string[]; unchanged: number; removed: string[] },
  manifest?: { hosts: Record<string, { files: { path: string }[] }> },
): BuildResult {
  const manifestPath = join(output, 'manifest.json');
  const hostsOf = manifest ?? (JSON.parse(readFileSync(manifestPath, 'utf8')) as NonNullable<typeof manifest>);
  const written = new Set(stats.written);
  // Bundle paths grouped by host once (`hosts/<host>/...`): fleets have tens of thousands of hosts and files.
  const byHost = (paths: string[]): Map<string, string[]> => {
    const groups = new Map<string, string[]>();
    for (const path of paths) {
      const parts = path.split('/', 3);
      if (parts[0] !== 'hosts' || parts.length < 3) continue;
      const list = groups.get(parts[1]!);
      if (list) list.push(path);
      else groups.set(parts[1]!, [path]);
    }
    return groups;
  };
  const writtenByHost = byHost(stats.written);
  const removedByHost = byHost(stats.removed);
  const hosts: Record<string, HostResult> = {};
  for (const [name, host] of Object.entries(hostsOf.hosts)) {
    hosts[name] = {
      written: writtenByHost.get(name) ?? [],
      unchanged: host.files.filter((f) => !written.has(f.path)).length,
      removed: removedByHost.get(name) ?? [],
    };
  }
  return { output, manifest: manifestPath, written: stats.written, unchanged: stats.unchanged, removed: stats.removed, hosts };
}

/** `lvscc build --format json`: one document, lint's `{ file, errors, warnings, diagnostics }` plus `result` (null when the build stopped). */
export function printBuildJson(diagnostics: Diagnostic[], file: string, result: BuildResult | undefined): void {
  const document = JSON.parse(renderJson(diagnostics, file)) as Record<string, unknown>;
  process.stdout.write(JSON.stringify({ ...document, result: result ?? null }, null, 2) + '\n');
}
