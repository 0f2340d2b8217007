// Meta-test of the code registry: every code is unique, well named, documented for `lvscc explain`,
// and (unless retired) produced somewhere in the tests.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codes } from '../../src/diagnostics/codes.js';
import { explain } from '../../src/diagnostics/explain.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const registry = [...codes.values()];

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : filesUnder(path, keep);
    return keep(name) ? [path] : [];
  });
}

describe('diagnostic code registry', () => {
  it('registers each code once', () => {
    // `codes` is a Map, which would silently keep the last of two rows with one code: count the rows in the source.
    const source = readFileSync(join(root, 'src/diagnostics/codes.ts'), 'utf8');
    const rows = [...source.matchAll(/\bcode: '(LVS\d{3})'/g)].map((m) => m[1]!);
    expect(rows.length).toBe(codes.size);
    expect(rows.filter((code, i) => rows.indexOf(code) !== i)).toEqual([]);
  });

  it('uses codes of the form LVS + three digits, in the documented ranges', () => {
    for (const { code } of registry) expect(code).toMatch(/^LVS(0\d\d|1\d\d|2\d\d|3\d\d|4\d\d|9\d\d)$/);
  });

  it('gives every code a unique kebab-case name and a lower-case one-line summary', () => {
    const names = registry.map((c) => c.name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
    for (const { code, name, summary } of registry) {
      expect(name, code).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      // lower case, unless it starts with an acronym (`DR and TUN ...`); no final period
      expect(summary, code).toMatch(/^([a-z`]|[A-Z]{2,}\b).*[^.]$/);
      expect(summary, code).not.toContain('\n');
    }
  });

  it.each(registry.map((c) => [c.code, c.name] as const))('documents %s (%s) in docs/codes/ with a bad and a fixed example', (code, name) => {
    const path = join(root, 'docs/codes', `${code}.md`);
    expect(existsSync(path), `docs/codes/${code}.md is missing`).toBe(true);
    const text = readFileSync(path, 'utf8');
    expect(text.split('\n')[0]).toBe(`# ${code}: ${name}`);
    expect(text).toMatch(/^## Bad$/m);
    expect(text).toMatch(/^## Fixed$/m);
    expect(explain(code)).toBe(text);
  });

  it('has no page for a code that is not registered', () => {
    const pages = readdirSync(join(root, 'docs/codes')).filter((n) => n.endsWith('.md'));
    expect(pages.filter((page) => !codes.has(page.slice(0, -3)))).toEqual([]);
  });

  // A weak but honest check: a code counts as produced when its string (e.g. 'LVS205') appears in
  // some test file or fixture other than this one. It proves that someone wrote a test naming the
  // code, not that the test really triggers it; the rule tests and fixtures assert that themselves.
  it('has every code that is in use named by at least one test or fixture', () => {
    const self = fileURLToPath(import.meta.url);
    const files = [
      ...filesUnder(join(root, 'test'), (n) => n.endsWith('.ts')),
      ...filesUnder(join(root, 'fixtures'), (n) => /\.(ya?ml|txt|json|sarif)$/.test(n)),
    ].filter((f) => f !== self && !relative(root, f).startsWith('test/e2e'));
    const corpus = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    const unproduced = registry.filter((c) => !c.retired && !new RegExp(`\\b${c.code}\\b`).test(corpus)).map((c) => c.code);
    expect(unproduced).toEqual([]);
  });
});
