// Property tests of the front end: random and mutated documents never crash lint(), and what it
// reports is well formed. A fixed seed keeps every run the same; to dig deeper locally, set
// LVSCC_FUZZ_SEED to another seed and LVSCC_FUZZ_RUNS to a multiple of the runs.
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { lint, type LintResult } from '../../src/compile.js';
import { codes } from '../../src/diagnostics/codes.js';
import { renderHuman } from '../../src/diagnostics/render-human.js';
import { renderJson } from '../../src/diagnostics/render-json.js';
import { renderSarif } from '../../src/diagnostics/render-sarif.js';
import type { Span } from '../../src/diagnostics/types.js';

const SEED = Number(process.env.LVSCC_FUZZ_SEED ?? 20_240_611);
const NUM_RUNS = Number(process.env.LVSCC_FUZZ_RUNS ?? 1);

const fixturesDir = new URL('../../fixtures/', import.meta.url);
const fixtures = readdirSync(fixturesDir)
  .filter((n) => n.endsWith('.yaml'))
  .sort()
  .map((n) => readFileSync(new URL(n, fixturesDir), 'utf8'));

/** Runs lint() and checks the invariants every result must keep; returns the result for further checks. */
function lintChecked(input: string | Uint8Array): LintResult {
  const result = lint(input, { fileName: 'fuzz.yaml' });
  const lines = result.source.text.split('\n').length;
  const checkSpan = (span: Span, what: string) => {
    expect(span.line, what).toBeGreaterThanOrEqual(1);
    expect(span.line, what).toBeLessThanOrEqual(lines);
    expect(span.endLine, what).toBeGreaterThanOrEqual(span.line);
    expect(span.endLine, what).toBeLessThanOrEqual(lines);
    expect(span.column, what).toBeGreaterThanOrEqual(1);
  };
  for (const d of result.diagnostics) {
    expect(codes.has(d.code), `unregistered code ${d.code}`).toBe(true);
    expect(d.code, d.message).not.toBe('LVS901');
    expect(d.message.length, d.code).toBeGreaterThan(0);
    if (d.span) checkSpan(d.span, `${d.code} ${d.message}`);
    for (const r of d.related) checkSpan(r.span, `${d.code} related ${r.message}`);
  }
  // The model exists exactly when the input loaded, validated and resolved.
  const frontEnd = result.diagnostics.filter((d) => /^LVS[01]/.test(d.code));
  expect(result.model !== undefined, frontEnd.map((d) => d.code).join()).toBe(frontEnd.length === 0);
  // Every renderer copes with whatever the front end reported.
  renderHuman(result.diagnostics, result.source, { color: true });
  JSON.parse(renderJson(result.diagnostics, result.source.name));
  JSON.parse(renderSarif(result.diagnostics, result.source.name, '0.0.0'));
  return result;
}

const property = <T>(arbitrary: fc.Arbitrary<T>, toInput: (value: T) => string | Uint8Array, numRuns: number) =>
  fc.assert(
    fc.property(arbitrary, (value) => {
      lintChecked(toInput(value));
    }),
    { seed: SEED, numRuns: numRuns * NUM_RUNS },
  );

/** Pieces of YAML syntax and topology vocabulary, glued at random. */
const yamlPieces = [
  'version: 1\n',
  'cluster: c\n',
  'directors:\n',
  'realServers:\n',
  'services:\n',
  '  lvs: ',
  '  rs1: ',
  '  http: ',
  '{ interfaces: { eth0: 10.10.24.2/24 } }',
  'vip: 10.10.24.88',
  'forwarding: tun',
  'realServers: [rs1]',
  'port: 80',
  ': ',
  '- ',
  '? ',
  ', ',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '#',
  '|',
  '>-',
  '&a ',
  '*a',
  '<<: ',
  '!!binary ',
  '!tag ',
  '%YAML 1.2\n',
  '---\n',
  '...\n',
  '\n',
  '\n  ',
  '\n    ',
  '\t',
  '\r\n',
  '\r',
  '\ufeff',
  '\u2028',
  '\u0085',
  'é',
  '😀',
  '~',
  'null',
  'true',
  '.inf',
  '-.nan',
  '0x1F',
  '0o17',
  '1e309',
  '-0',
  '12345678901234567890',
  '10.10.24.22/24',
  '::1/128',
  '2001:db8::1',
  'rs1',
  'x',
  '__proto__',
  'constructor',
  '"\\u0000"',
  '"\\ud800"',
  '\\',
  '%',
  '@',
  '`',
];

/** One edit of a line-based mutation. */
type Edit = { kind: 'delete' | 'duplicate' | 'swap' | 'insert' | 'truncate' | 'indent' | 'dedent'; at: number; piece: string };
const edit: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom('delete', 'duplicate', 'swap', 'insert', 'truncate', 'indent', 'dedent'),
  at: fc.nat(),
  piece: fc.constantFrom(...yamlPieces),
});

function applyEdit(text: string, e: Edit): string {
  const lines = text.split('\n');
  const line = e.at % lines.length;
  const offset = e.at % (text.length + 1);
  switch (e.kind) {
    case 'delete':
      return [...lines.slice(0, line), ...lines.slice(line + 1)].join('\n');
    case 'duplicate':
      return [...lines.slice(0, line + 1), ...lines.slice(line)].join('\n');
    case 'swap':
      return offset + 1 < text.length ? text.slice(0, offset) + text[offset + 1] + text[offset] + text.slice(offset + 2) : text;
    case 'insert':
      return text.slice(0, offset) + e.piece + text.slice(offset);
    case 'truncate':
      return text.slice(0, offset);
    case 'indent':
      return lines.map((l, i) => (i === line ? '  ' + l : l)).join('\n');
    case 'dedent':
      return lines.map((l, i) => (i === line ? l.replace(/^ {1,2}/, '') : l)).join('\n');
  }
}

/** Every JSON pointer path (as key lists) in a plain data tree. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

/** A change of the data at one path: replace the value, delete it, or add a key beside it. */
type Change = { at: number; kind: 'replace' | 'delete' | 'add'; value: unknown; key: string; json: boolean };
const interestingValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    '10.10.24.22/24',
    '10.10.24.999',
    '10.10.24.1',
    '2001:db8::1/64',
    '::',
    '0.0.0.0/0',
    'rs1',
    'rs9',
    'tun',
    'dr',
    'nat',
    'gue',
    '',
    ' ',
    '-',
    '..',
    'a'.repeat(100),
    0,
    -1,
    1,
    65535,
    65536,
    4294967296,
    1.5,
    true,
    null,
    [],
    {},
  ),
  fc.integer(),
  fc.string({ maxLength: 20 }),
);
const change: fc.Arbitrary<Change> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'delete', 'add'),
  value: interestingValue,
  key: fc.constantFrom('extra', 'port', 'weight', 'mtu', 'gateway', 'rs1', 'tunnel', 'type', 'address', 'vip', 'priority'),
  json: fc.boolean(),
});

function applyChanges(fixture: string, changes: Change[]): string {
  let data = parse(fixture) as unknown;
  let json = false;
  for (const c of changes) {
    json = c.json;
    const all = paths(data);
    const path = all[c.at % all.length]!;
    if (path.length === 0) {
      if (c.kind === 'replace') data = structuredClone(c.value);
      continue;
    }
    const parent = path.slice(0, -1).reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], data) as
      Record<string | number, unknown> | unknown[];
    const last = path[path.length - 1]!;
    if (c.kind === 'replace') (parent as Record<string | number, unknown>)[last] = structuredClone(c.value);
    else if (c.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete (parent as Record<string, unknown>)[last];
    } else if (!Array.isArray(parent)) (parent as Record<string, unknown>)[c.key] = structuredClone(c.value);
  }
  return json ? JSON.stringify(data) : stringify(data);
}

/** Nested containers of random depth (flow and block), some far past the 64-level limit. */
const openers = ['[', '{a: ', '{"k": ', '- ', 'k: ', '? '];
const deepDocument = fc
  .tuple(fc.array(fc.constantFrom(...openers), { minLength: 1, maxLength: 150 }), fc.constantFrom('1', '', 'x', '[]', '{}'))
  .map(([path, leaf]) => {
    let text = '';
    let indent = '';
    const closers: string[] = [];
    for (const opener of path) {
      if (opener === '- ' || opener === 'k: ' || opener === '? ') {
        if (closers.length)
          text += opener; // inside flow: glued as-is (often invalid YAML, which is the point)
        else {
          text += `\n${indent}${opener}`;
          indent += '  ';
        }
      } else {
        text += opener;
        closers.push(opener === '[' ? ']' : '}');
      }
    }
    return text + leaf + closers.reverse().join('');
  });

describe('fuzzing lint() (fixed seed)', () => {
  it('survives random bytes', () => {
    property(fc.uint8Array({ maxLength: 300 }), (bytes) => bytes, 300);
  });

  it('survives random text, control characters included', () => {
    property(fc.string({ maxLength: 200, unit: 'binary' }), (text) => text, 200);
  });

  it('survives random YAML-ish documents', () => {
    property(fc.array(fc.constantFrom(...yamlPieces), { maxLength: 80 }), (pieces) => pieces.join(''), 400);
  });

  it('survives line and character mutations of the fixtures', () => {
    property(
      fc.tuple(fc.constantFrom(...fixtures), fc.array(edit, { minLength: 1, maxLength: 6 })),
      ([fixture, edits]) => edits.reduce(applyEdit, fixture),
      500,
    );
  });

  it('survives random values replaced, deleted or added at random places of the fixtures', () => {
    property(
      fc.tuple(fc.constantFrom(...fixtures), fc.array(change, { minLength: 1, maxLength: 4 })),
      ([fixture, changes]) => applyChanges(fixture, changes),
      400,
    );
  });

  it('survives random deep structures', () => {
    property(deepDocument, (text) => text, 150);
    property(fc.jsonValue({ maxDepth: 8 }), (value) => stringify(value), 100);
  });

  it('still accepts the unmutated fixtures (the checks above are not vacuous)', () => {
    for (const fixture of fixtures) expect(lintChecked(fixture).diagnostics.filter((d) => /^LVS[01]/.test(d.code))).toEqual([]);
  });
});
