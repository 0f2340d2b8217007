// Every YAML example of README.md and docs/**/*.md is linted (and the complete topologies built): a block lints
// clean unless it names the codes it must give (`# lint: LVS218` in it, or `<!-- lint: LVS218 -->` before it).
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { compile, lint } from '../src/compile.js';
import type { Diagnostic } from '../src/diagnostics/types.js';
import { topologySchema } from '../src/schema/topology.js';

const root = fileURLToPath(new URL('../', import.meta.url));

/** One fenced YAML block of a Markdown file. */
interface Example {
  file: string;
  line: number;
  text: string;
  /** The `## ` heading the block is under (`Bad`, `Fixed`, ...). */
  section: string;
  /** Codes named by a `lint:` annotation, if any. */
  expected?: string[];
  /** Why the block is not linted (`lint: skip, <reason>`): it needs a second file, or stands for a larger one. */
  skipped?: string;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? markdownFiles(path) : entry.name.endsWith('.md') ? [path] : [];
  });
}

const ANNOTATION = /^(?:<!--\s*|#\s*)lint:\s*((?:LVS\d{3}\s*)+|skip\b.*?)\s*(?:-->)?\s*$/;

/** The YAML blocks of one Markdown file, with their annotations and sections. */
export function examplesOf(file: string, markdown: string): Example[] {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('## ')) section = line.slice(3).trim();
    if (!/^```ya?ml\s*$/.test(line)) continue;
    const start = i;
    const body: string[] = [];
    while (++i < lines.length && !lines[i]!.startsWith('```')) body.push(lines[i]!);
    const annotations = [lines[start - 1] ?? '', ...body].map((l) => ANNOTATION.exec(l.trim())).filter((m) => m !== null);
    const skip = annotations.find((m) => m[1]!.startsWith('skip'));
    const expected = annotations.length && !skip ? annotations.flatMap((m) => m[1]!.trim().split(/\s+/)) : undefined;
    examples.push({ file, line: start + 1, text: body.join('\n') + '\n', section, ...(expected && { expected }), ...(skip && { skipped: skip[1]! }) });
  }
  return examples;
}

/** The base topology a fragment (a block without `version:`) is linted on: its top-level keys replace the base's. */
const base = {
  version: 1,
  cluster: 'web',
  directors: { lvs: { interfaces: { eth0: '10.10.24.2/24' }, gateway: '10.10.24.1' } },
  realServers: Object.fromEntries(['rs1', 'rs2', 'rs3'].map((name, i) => [name, { interfaces: { eth0: `10.10.24.${21 + i}/24` }, gateway: '10.10.24.1' }])),
  services: { http: { vip: '10.10.24.88', protocol: 'tcp', port: 80, scheduler: 'rr', forwarding: 'tun', realServers: ['rs1', 'rs2', 'rs3'] } },
};

/** The page's own code, for docs/codes/<CODE>.md. */
const pageCode = (file: string): string | undefined => /docs\/codes\/(LVS\d{3})\.md$/.exec(file)?.[1];

/** The top-level keys of the format, from its one declaration. */
const TOPOLOGY_KEYS = new Set(Object.keys(topologySchema.properties as Record<string, unknown>));

/** A fragment's keys over `onto`'s: top-level keys replace the topology's, other keys (`healthCheck:`) the base service's. */
function merge(onto: Record<string, unknown>, text: string): Record<string, unknown> {
  const fragment = (parse(text) ?? {}) as Record<string, unknown>;
  const top = Object.fromEntries(Object.entries(fragment).filter(([key]) => TOPOLOGY_KEYS.has(key)));
  const service = Object.fromEntries(Object.entries(fragment).filter(([key]) => !TOPOLOGY_KEYS.has(key)));
  const merged = { ...onto, ...top };
  if (Object.keys(service).length) merged.services = { http: { ...base.services.http, ...service } };
  return merged;
}

/**
 * What a block is linted as: itself when it is a complete topology (`version:` and `services:`) or on a page
 * about reading and YAML (LVS0xx); otherwise a fragment over the base. A `## Fixed` block of docs/codes fixes
 * the page's `## Bad` block: it is merged over the base with the Bad block's keys.
 */
function topologyOf(example: Example, bad: Example | undefined): { text: string; complete: boolean } {
  if (/^version:/m.test(example.text) && /^services:/m.test(example.text)) return { text: example.text, complete: true };
  if (pageCode(example.file)?.startsWith('LVS0')) return { text: example.text, complete: false };
  const onto = example.section === 'Fixed' && bad ? merge(base, bad.text) : base;
  return { text: stringify(merge(onto, example.text)), complete: false };
}

const codesOf = (diagnostics: Diagnostic[]): string[] => [...new Set(diagnostics.map((d) => d.code))].sort();

const files = [join(root, 'README.md'), ...markdownFiles(join(root, 'docs'))];
const examples = files.flatMap((file) => examplesOf(relative(root, file), readFileSync(file, 'utf8')));

describe('the YAML examples of the documentation', () => {
  it('finds the README topology and the docs/codes examples', () => {
    expect(examples.filter((e) => e.file === 'README.md').length).toBeGreaterThan(0);
    expect(examples.filter((e) => pageCode(e.file)).length).toBeGreaterThan(90);
  });

  it('skips only blocks that say why, and few of them', () => {
    const skipped = examples.filter((e) => e.skipped);
    for (const e of skipped) expect(e.skipped, `${e.file}:${e.line}`).toMatch(/^skip[,:]? \S.{10,}/);
    expect(skipped.length).toBeLessThanOrEqual(3);
  });

  it.each(examples.filter((e) => !e.skipped).map((e) => [`${e.file}:${e.line}`, e] as const))('%s', (_where, example) => {
    const bad = examples.find((e) => e.file === example.file && e.section === 'Bad');
    const { text, complete } = topologyOf(example, bad);
    const diagnostics = lint(text, { fileName: 'example.yaml' }).diagnostics;
    const found = codesOf(diagnostics);
    const page = pageCode(example.file);
    const summary = diagnostics.map((d) => `${d.code} ${d.message}`).join('\n');
    if (example.expected) expect(found, summary).toEqual([...new Set(example.expected)].sort());
    else if (page && example.section === 'Bad') expect(found, summary).toContain(page);
    else if (page?.startsWith('LVS0') && example.section === 'Fixed')
      expect(
        found.filter((c) => c.startsWith('LVS0')),
        summary,
      ).toEqual([]);
    else if (page && example.section === 'Fixed') {
      expect(found, summary).not.toContain(page);
      expect(
        diagnostics.filter((d) => d.severity === 'error'),
        summary,
      ).toEqual([]);
    } else expect(found, summary).toEqual([]);
    // The complete topologies that lint without errors are meant to build.
    if (complete && !diagnostics.some((d) => d.severity === 'error')) {
      const built = compile(text, { fileName: 'example.yaml' });
      expect(built.manifest, built.diagnostics.map((d) => d.code).join(' ')).toBeDefined();
      expect(built.files.length).toBeGreaterThan(0);
    }
  });
});
