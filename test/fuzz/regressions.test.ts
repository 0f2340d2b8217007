// Each minimised fuzz failure (test/fuzz/regressions/*.yaml) keeps every fuzz invariant, and keeps the diagnostic
// its `# expect:` line names (`# expect: LVS011 line 2 column 10`, or `# expect: clean`).
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/compile.js';
import { checkDocument } from './check.js';

const dir = new URL('./regressions/', import.meta.url);
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('fuzz regressions', () => {
  it('has fixtures, each with provenance, class and expectation', () => {
    expect(fixtures.length).toBeGreaterThan(0);
    for (const f of fixtures) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      expect(text, f).toMatch(/^# provenance: /);
      expect(text, f).toMatch(/^# class: /m);
      expect(text, f).toMatch(/^# expect: /m);
    }
  });

  it.each(fixtures)('%s', (name) => {
    const text = readFileSync(new URL(name, dir), 'utf8');
    expect(checkDocument(text).failures).toEqual([]);
    const expected = /^# expect: (?:(clean)|(LVS\d{3}) line (\d+) column (\d+))$/m.exec(text)!;
    const errors = lint(text, { fileName: name }).diagnostics.filter((d) => d.severity === 'error');
    if (expected[1]) expect(errors).toEqual([]);
    else expect(errors.map((d) => [d.code, d.span?.line, d.span?.column])).toContainEqual([expected[2], Number(expected[3]), Number(expected[4])]);
  });
});
