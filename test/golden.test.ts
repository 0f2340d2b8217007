// Golden bundles: for each fixtures/<name>.yaml with fixtures/expected/<name>/, the compiled bundle must
// have exactly the expected file set, then the expected bytes. LVSCC_UPDATE_GOLDEN=1 rewrites the
// expected trees that exist (to add a case, create its empty directory first); read every diff before
// committing it.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { bundlePath, renderManifest } from '../src/bundle/manifest.js';

const update = process.env.LVSCC_UPDATE_GOLDEN === '1';
const cases = readdirSync('fixtures')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.slice(0, -5))
  .filter((name) => existsSync(join('fixtures/expected', name)))
  .sort();

function listFiles(root: string, prefix = ''): string[] {
  return readdirSync(join(root, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(root, join(prefix, e.name)) : [join(prefix, e.name)]))
    .sort();
}

function compileFixture(name: string) {
  const result = compile(readFileSync(`fixtures/${name}.yaml`), { fileName: `fixtures/${name}.yaml`, version: '0.0.0-golden' });
  const tree = new Map<string, string>([...result.files, ...result.clusterFiles].map((f) => [bundlePath(f), f.content]));
  if (result.manifest) tree.set('manifest.json', renderManifest(result.manifest));
  return { result, tree };
}

describe('golden bundles', () => {
  it('has at least the seed and HA cases', () => {
    expect(cases).toEqual(expect.arrayContaining(['seed-tun', 'ha-dr']));
  });

  for (const name of cases) {
    it(name, () => {
      const { result, tree } = compileFixture(name);
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const expectedRoot = join('fixtures/expected', name);
      if (update) {
        rmSync(expectedRoot, { recursive: true, force: true });
        for (const [path, content] of tree) {
          mkdirSync(dirname(join(expectedRoot, path)), { recursive: true });
          writeFileSync(join(expectedRoot, path), content);
        }
      }
      expect([...tree.keys()].sort()).toEqual(listFiles(expectedRoot));
      for (const [path, content] of tree) expect(content, path).toBe(readFileSync(join(expectedRoot, path), 'utf8'));
    });
  }

  it('seed-literal compiles to no files', () => {
    const { result } = compileFixture('seed-literal');
    expect(result.files).toEqual([]);
    expect(result.manifest).toBeUndefined();
  });

  it('is deterministic: the same input twice gives the same bytes', () => {
    for (const name of cases) expect(compileFixture(name).tree).toEqual(compileFixture(name).tree);
  });
});
