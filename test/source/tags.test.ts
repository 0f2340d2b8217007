// Every YAML tag a topology does not use is an LVS011 at the tag's line and column, block and flow alike.
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/compile.js';

const cases: [string, string, number, number][] = [
  ['!!omap flow', 'version: 1\ncluster: !!omap [ {a: 1} ]\n', 2, 10],
  ['!!omap block', 'version: 1\ncluster: !!omap\n  - a: 1\n', 2, 10],
  ['!!pairs', 'version: 1\ncluster:\n  - !!pairs [ {a: 1} ]\n', 3, 5],
  ['!!set', 'version: 1\ncluster: !!set {a, b}\n', 2, 10],
  ['!!set after an anchor', 'version: 1\ncluster: &x !!set\n  ? a\n', 2, 13],
  ['!!binary', 'version: 1\ncluster: !!binary aGVsbG8=\n', 2, 19],
  ['!!timestamp', 'version: 1\ncluster: !!timestamp 2001-12-14\n', 2, 22],
  ['custom local tag', 'version: 1\ncluster: !foo bar\n', 2, 10],
  ['custom verbatim tag', 'version: 1\ncluster: !<tag:example.org,1:x> y\n', 2, 10],
  ['custom tag on a mapping', 'version: 1\ndirectors: !hosts\n  lb: {}\n', 2, 12],
  ['unknown !! tag', 'version: 1\ncluster: !!python/object x\n', 2, 10],
];

describe('YAML tags', () => {
  it.each(cases)('%s: LVS011 located', (_name, text, line, column) => {
    const errors = lint(text, { fileName: 't.yaml' }).diagnostics.filter((d) => d.code === 'LVS011');
    expect(errors.map((d) => [d.severity, d.span?.line, d.span?.column])).toEqual([['error', line, column]]);
  });

  it('core-schema tags on plain values are plain YAML', () => {
    const text = 'version: !!int 1\ncluster: !!str c\ndirectors: !!map {}\n';
    expect(lint(text, { fileName: 't.yaml' }).diagnostics.filter((d) => d.code === 'LVS011')).toEqual([]);
  });
});
