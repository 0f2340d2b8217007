// lvscc import as a library: files in (keepalived.conf with its includes, ipvsadm rules, ldirectord.cf), one
// commented topology out, linted, with the report of what was native, carried and dropped.
import { Document, isMap, isScalar, type Node } from 'yaml';
import { sortDiagnostics, type Diagnostic } from '../diagnostics/types.js';
import { lint } from '../front-end.js';
import { SourceFile } from '../source/source-file.js';
import { readIpvsadm, looksLikeIpvsadm } from './ipvsadm.js';
import { readKeepalivedConf, type ConfigFiles } from './keepalived-conf.js';
import { keepalivedMeaning } from './keepalived-meaning.js';
import { looksLikeLdirectord, readLdirectord } from './ldirectord.js';
import type { Director } from './model.js';
import type { ImportProblem } from './problems.js';
import { toTopology, type Guess, type ReportEntry } from './to-topology.js';

export type { ConfigFiles } from './keepalived-conf.js';
export type { ReportEntry } from './to-topology.js';

/** What {@link importFiles} returns. */
export interface ImportResult {
  /** The topology as commented YAML; absent when the input had errors. */
  yaml?: string;
  report: ReportEntry[];
  /** Problems of the input, located in the files read (LVS4xx), sorted. */
  problems: ImportProblem[];
  /** lint's findings on the topology (no errors when the import worked). */
  lint: Diagnostic[];
  /** Every file read, includes too, for rendering the problems. */
  sources: SourceFile[];
  /** The directors as read from each file. */
  directors: Director[];
  /** Director name of each imported file. */
  directorOf: Map<string, string>;
}

/** Options of {@link importFiles}: `configId` is keepalived's `-i`, choosing `@id` lines. */
export interface ImportOptions {
  configId?: string;
}

/** Reads one file as keepalived.conf, ipvsadm rules or ldirectord.cf, by its content. */
export function readDirector(
  path: string,
  files: ConfigFiles,
  problems: ImportProblem[],
  sources: SourceFile[],
  options: ImportOptions = {},
): Director | undefined {
  const text = files.read(path);
  if (text === undefined) return undefined;
  if (looksLikeLdirectord(text) || looksLikeIpvsadm(text)) {
    const source = new SourceFile(path, text);
    sources.push(source);
    return looksLikeLdirectord(text) ? readLdirectord(source, problems) : readIpvsadm(source, problems);
  }
  const parsed = readKeepalivedConf(path, files, options);
  sources.push(...parsed.sources);
  problems.push(...parsed.problems);
  return keepalivedMeaning(path, parsed.statements, problems);
}

/** Imports the files of one cluster's directors into one topology. */
export function importFiles(paths: string[], files: ConfigFiles, options: ImportOptions = {}): ImportResult {
  const problems: ImportProblem[] = [];
  const sources: SourceFile[] = [];
  const directors = paths.map((p) => readDirector(p, files, problems, sources, options)).filter((d): d is Director => d !== undefined);
  const base = (paths[0] ?? 'imported')
    .split('/')
    .pop()!
    .replace(/\.(conf|cf|cfg|txt|rules|sh)$/i, '');
  const cluster = /^[A-Za-z0-9]/.test(base) ? base : 'imported';
  const mapped = toTopology(directors, cluster);
  // With the input already refused, "no virtual server" would only repeat it.
  const refused = problems.some((p) => p.severity === 'error');
  problems.push(...mapped.problems.filter((p) => !(refused && p.code === 'LVS409')));
  const sorted = sortDiagnostics(problems);
  const failed = sorted.some((p) => p.severity === 'error');
  if (failed) return { report: mapped.report, problems: sorted, lint: [], sources, directors, directorOf: mapped.directorOf };
  const yaml = render(mapped.topology, mapped.guesses, paths);
  const linted = lint(yaml, { fileName: 'imported.yaml' });
  return { yaml, report: mapped.report, problems: sorted, lint: linted.diagnostics, sources, directors, directorOf: mapped.directorOf };
}

/** The topology as YAML with a comment at every guess. */
function render(topology: object, guesses: Guess[], paths: string[]): string {
  const doc = new Document(topology);
  doc.commentBefore = ` imported by lvscc import from ${paths.join(', ')}\n comments mark guesses: check them before building`;
  for (const guess of guesses) {
    if (guess.path.includes('*')) continue;
    const node = doc.getIn(guess.path, true) as Node | undefined;
    if (!node) continue;
    if (isMap(node)) node.commentBefore = node.commentBefore ? `${node.commentBefore}\n ${guess.comment}` : ` ${guess.comment}`;
    else if (isScalar(node)) node.comment = node.comment ? `${node.comment}; ${guess.comment}` : ` ${guess.comment}`;
  }
  return doc.toString({ lineWidth: 0 });
}
