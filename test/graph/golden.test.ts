// Golden pictures of every fixture that lints clean, in each format; LVSCC_UPDATE_GOLDEN=1 rewrites them
// (read every diff: each golden must be a correct picture of its cluster). Same input, same bytes.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/front-end.js';
import { renderGraph, type GraphFormat } from '../../src/graph/index.js';

const fixtures = 'fixtures';
const goldenDir = join(fixtures, 'expected-graph');
const update = process.env.LVSCC_UPDATE_GOLDEN === '1';
const EXTENSIONS: Readonly<Record<GraphFormat, string>> = { mermaid: 'mmd', dot: 'dot', svg: 'svg' };

const cleanFixtures = readdirSync(fixtures)
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .filter((name) => lint(readFileSync(join(fixtures, name)), { fileName: name }).resolved !== undefined)
  .map((name) => name.replace(/\.yaml$/, ''));

const modelOf = (fixture: string) => lint(readFileSync(join(fixtures, `${fixture}.yaml`)), { fileName: `${fixture}.yaml` }).resolved!.model;

describe('graph goldens', () => {
  it('covers the fixtures that lint clean, and has no golden without one', () => {
    expect(cleanFixtures).toContain('seed-tun');
    expect(cleanFixtures).not.toContain('seed-literal');
    const expected = cleanFixtures.flatMap((f) => Object.values(EXTENSIONS).map((ext) => `${f}.${ext}`)).sort();
    if (update) mkdirSync(goldenDir, { recursive: true });
    else expect(readdirSync(goldenDir).sort()).toEqual(expected);
  });

  describe.each(cleanFixtures)('%s', (fixture) => {
    it.each(Object.keys(EXTENSIONS) as GraphFormat[])('%s matches its golden, byte for byte, twice', async (format) => {
      const first = await renderGraph(modelOf(fixture), format);
      const second = await renderGraph(modelOf(fixture), format);
      expect(second).toBe(first);
      const path = join(goldenDir, `${fixture}.${EXTENSIONS[format]}`);
      if (update) writeFileSync(path, first);
      expect(first).toBe(readFileSync(path, 'utf8'));
    });
  });
});
