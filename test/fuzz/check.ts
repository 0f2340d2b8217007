// The invariants every fuzz document must keep: no exception, no LVS901, every error located, lint under a second (load aside),
// and a lint-clean document compiles. Also hands back what the real tools check (keepalived.conf, shell scripts).
import { readFileSync } from 'node:fs';
import { compile, hasErrors, lint } from '../../src/compile.js';
import { renderHuman } from '../../src/diagnostics/render-human.js';
import { renderJson } from '../../src/diagnostics/render-json.js';
import { renderSarif } from '../../src/diagnostics/render-sarif.js';

export type FailureKind = 'exception' | 'internal-error' | 'unlocated' | 'slow' | 'clean-but-not-compiled' | 'raw-control-in-output';

/** Characters no diagnostic output may hold raw (the renderers escape them); newlines aside, which they write themselves. */
// eslint-disable-next-line no-control-regex
const rawInOutput = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

export interface Failure {
  kind: FailureKind;
  detail: string;
}

export interface Outcome {
  failures: Failure[];
  lintClean: boolean;
  compiled: boolean;
  lintMs: number;
  /** Of a compiled document: each keepalived.conf with the interfaces its host has, and every shell script. */
  keepalived: { path: string; content: string; interfaces: string[] }[];
  scripts: { path: string; content: string }[];
}

/** Lint's bound per document; a slow document is timed twice more and fails only if the fastest run is over it. */
export const LINT_BOUND_MS = 1000;
/** Codes that have no location by nature: the whole file is too large to read. */
const wholeFile = new Set(['LVS001']);

const fileName = 'fuzz.yaml';

/** CPU time of this thread in ms (user + system, 10 ms resolution), or undefined where /proc/thread-self is missing. */
function threadCpuMs(): number | undefined {
  try {
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ');
    // After the command: state is field 3, utime 14 and stime 15 (proc(5)), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

export function checkDocument(text: string): Outcome {
  const outcome: Outcome = { failures: [], lintClean: false, compiled: false, lintMs: 0, keepalived: [], scripts: [] };
  let linted: ReturnType<typeof lint>;
  try {
    const start = performance.now();
    linted = lint(text, { fileName });
    outcome.lintMs = performance.now() - start;
    if (outcome.lintMs > LINT_BOUND_MS) {
      // Load on a shared machine is not slowness: a document over the bound in wall time is linted three times more
      // and measured in this thread's CPU time (Linux: /proc/thread-self/stat), the fastest run counting.
      let cpu = Infinity;
      for (let k = 0; k < 3; k++) {
        const before = threadCpuMs();
        const again = performance.now();
        lint(text, { fileName });
        const wall = performance.now() - again;
        const after = threadCpuMs();
        cpu = Math.min(cpu, before === undefined || after === undefined ? wall : after - before);
      }
      outcome.lintMs = Math.min(outcome.lintMs, cpu);
      if (cpu > LINT_BOUND_MS) outcome.failures.push({ kind: 'slow', detail: `lint took ${cpu.toFixed(0)} ms of CPU` });
    }
  } catch (error) {
    outcome.failures.push({ kind: 'exception', detail: `lint threw: ${(error as Error).stack ?? String(error)}` });
    return outcome;
  }
  for (const d of linted.diagnostics) {
    if (d.code === 'LVS901') outcome.failures.push({ kind: 'internal-error', detail: `lint: ${d.message}` });
    else if (d.severity === 'error' && !d.span && !wholeFile.has(d.code)) outcome.failures.push({ kind: 'unlocated', detail: `${d.code}: ${d.message}` });
  }
  try {
    const outputs = {
      human: renderHuman(linted.diagnostics, linted.source, { color: false }),
      json: renderJson(linted.diagnostics, linted.source.name),
      sarif: renderSarif(linted.diagnostics, linted.source.name, '0.0.0'),
    };
    for (const [format, text] of Object.entries(outputs)) {
      const raw = rawInOutput.exec(text);
      if (raw)
        outcome.failures.push({ kind: 'raw-control-in-output', detail: `${format} output holds U+${raw[0].charCodeAt(0).toString(16).padStart(4, '0')}` });
    }
  } catch (error) {
    outcome.failures.push({ kind: 'exception', detail: `a renderer threw: ${(error as Error).stack ?? String(error)}` });
  }
  if (hasErrors(linted.diagnostics)) return outcome;
  outcome.lintClean = true;
  let compiled: ReturnType<typeof compile>;
  try {
    compiled = compile(text, { fileName });
  } catch (error) {
    outcome.failures.push({ kind: 'exception', detail: `compile threw: ${(error as Error).stack ?? String(error)}` });
    return outcome;
  }
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
  for (const d of errors) {
    outcome.failures.push({ kind: d.code === 'LVS901' ? 'internal-error' : 'clean-but-not-compiled', detail: `compile: ${d.code} ${d.message}` });
  }
  if (errors.length || !compiled.manifest || !compiled.files.length) {
    if (!errors.length) outcome.failures.push({ kind: 'clean-but-not-compiled', detail: 'compile wrote no files' });
    return outcome;
  }
  outcome.compiled = true;
  const interfacesOf = new Map<string, string[]>();
  for (const h of [...(compiled.model?.directors ?? []), ...(compiled.model?.realServers ?? [])])
    interfacesOf.set(
      h.name,
      h.interfaces.map((i) => i.name),
    );
  for (const f of compiled.files) {
    const path = `hosts/${f.host}/${f.path}`;
    if (f.path.endsWith('/keepalived.conf')) {
      outcome.keepalived.push({ path, content: f.content, interfaces: interfacesOf.get(f.host) ?? [] });
    } else if (f.path.endsWith('.sh') || /^#!\S*(?:bash|\/sh)\b/.test(f.content)) {
      outcome.scripts.push({ path, content: f.content });
    }
  }
  return outcome;
}

/** The first failure kind of a document, or undefined: what minimisation keeps. */
export function failureKind(text: string): FailureKind | undefined {
  return checkDocument(text).failures[0]?.kind;
}

/**
 * The smallest document found by removing chunks of lines (halves, then quarters, down to single lines) while the
 * failure keeps its kind; at most `budget` checks.
 */
export function minimise(text: string, kind: FailureKind, budget = 400): string {
  if (kind === 'slow') return text;
  let lines = text.split('\n');
  let checks = 0;
  for (let size = Math.ceil(lines.length / 2); size >= 1 && checks < budget; size = size === 1 ? 0 : Math.ceil(size / 2)) {
    for (let at = 0; at < lines.length && checks < budget;) {
      const candidate = [...lines.slice(0, at), ...lines.slice(at + size)];
      checks++;
      if (failureKind(candidate.join('\n')) === kind) lines = candidate;
      else at += size;
    }
  }
  return lines.join('\n');
}
