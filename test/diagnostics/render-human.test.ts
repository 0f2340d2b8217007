// The human (rustc-style) rendering, byte for byte, and the shape of the JSON rendering.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/compile.js';
import { renderHuman } from '../../src/diagnostics/render-human.js';
import { renderJson } from '../../src/diagnostics/render-json.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';

const seedLiteral = readFileSync(new URL('../../fixtures/seed-literal.yaml', import.meta.url));
const seed = lint(seedLiteral, { fileName: 'fixtures/seed-literal.yaml' });

describe('human rendering', () => {
  it('renders the seed-literal LVS201 finding with its source line, carets, related location and help', () => {
    const lvs201 = seed.diagnostics.filter((d) => d.code === 'LVS201');
    // Read by eye: the carets sit under `10.10.24.22/24` on line 19, the dashes under the same
    // text on line 18, and the gutter is as wide as the largest line number.
    expect(renderHuman(lvs201, seed.source)).toBe(
      [
        'error[LVS201]: address 10.10.24.22 is used by two hosts',
        '  --> fixtures/seed-literal.yaml:19:30',
        '   |',
        '19 |   rs3: { interfaces: { eth0: 10.10.24.22/24 } }',
        '   |                              ^^^^^^^^^^^^^^ rs3 uses it here',
        '   |',
        '  ::: fixtures/seed-literal.yaml:18:30',
        '18 |   rs2: { interfaces: { eth0: 10.10.24.22/24 } }',
        '   |                              -------------- first used by rs2',
        '   |',
        '   = help: give rs3 its own address',
        '',
        'fixtures/seed-literal.yaml: 1 error',
        '',
      ].join('\n'),
    );
  });

  it('colours only when asked', () => {
    expect(renderHuman(seed.diagnostics, seed.source)).not.toContain('\u001b[');
    expect(renderHuman(seed.diagnostics, seed.source, { color: true })).toContain('\u001b[1;31merror[LVS201]\u001b[0m');
  });

  it('renders a whole-file finding without a snippet', () => {
    const result = lint('x'.repeat(20), { fileName: 'big.yaml', maxBytes: 10 });
    expect(renderHuman(result.diagnostics, result.source)).toBe(
      [
        'error[LVS001]: the file is larger than the limit of 10 bytes',
        ' --> big.yaml',
        '  = help: split the topology, or raise the limit with --max-bytes if the file is really meant to be this large',
        '',
        'big.yaml: 1 error',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing for no findings', () => {
    const clean = lint(readFileSync(new URL('../../fixtures/seed-tun.yaml', import.meta.url)));
    expect(renderHuman(clean.diagnostics, clean.source)).toBe('');
  });

  it('cuts a very long line to a window around the finding, carets still in place', () => {
    const keys = (from: number) => Array.from({ length: 40 }, (_, i) => `"k${from + i}": 1`).join(', ');
    const text = `{"version": 1, ${keys(0)}, "bogus": 1, ${keys(40)}, "cluster": "c"}`;
    const result = lint(text, { fileName: 'min.json' });
    const bogus = result.diagnostics.filter((d) => d.code === 'LVS102' && d.message.includes('bogus'));
    const [, , , source, marks] = renderHuman(bogus, result.source).split('\n');
    expect(source!.length).toBeLessThan(140);
    expect(source).toMatch(/^1 \| \.\.\..*\.\.\.$/);
    const caret = marks!.indexOf('^');
    expect(source!.slice(caret, caret + 7)).toBe('"bogus"');
  });

  it('shows control characters and tabs as single printable characters, keeping columns', () => {
    const text = 'version: 1\ncluster: web\u0085\tx\nfoo: 1\n';
    const result = lint(text, { fileName: 't.yaml' });
    const out = renderHuman(result.diagnostics, result.source);
    expect(out).not.toMatch(/[\u0080-\u009f\t]/);
  });
});

describe('JSON rendering', () => {
  it('has file, counts and the diagnostics as data', () => {
    const json = JSON.parse(renderJson(seed.diagnostics, 'fixtures/seed-literal.yaml')) as {
      file: string;
      errors: number;
      warnings: number;
      diagnostics: Diagnostic[];
    };
    expect(Object.keys(json)).toEqual(['file', 'errors', 'warnings', 'diagnostics']);
    expect(json.file).toBe('fixtures/seed-literal.yaml');
    expect(json.errors).toBe(json.diagnostics.filter((d) => d.severity === 'error').length);
    expect(json.warnings).toBe(json.diagnostics.filter((d) => d.severity === 'warning').length);
    expect(json.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.code)).toEqual(['LVS244']);
    const lvs201 = json.diagnostics.find((d) => d.code === 'LVS201')!;
    expect(lvs201).toEqual({
      code: 'LVS201',
      severity: 'error',
      message: 'address 10.10.24.22 is used by two hosts',
      span: { file: 'fixtures/seed-literal.yaml', offset: 645, length: 14, line: 19, column: 30, endLine: 19, endColumn: 44 },
      related: [
        {
          span: { file: 'fixtures/seed-literal.yaml', offset: 597, length: 14, line: 18, column: 30, endLine: 18, endColumn: 44 },
          message: 'first used by rs2',
        },
      ],
      label: 'rs3 uses it here',
      help: 'give rs3 its own address',
    });
  });

  it('ends with a newline and is stable for no findings', () => {
    expect(renderJson([], 'a.yaml')).toBe('{\n  "file": "a.yaml",\n  "errors": 0,\n  "warnings": 0,\n  "diagnostics": []\n}\n');
  });
});
