// Every target file is registered once and has its templates, its test and a golden; no target imports
// another target or the renderer (ts-morph reads each target's imports as the compiler resolves them);
// reload phases are distinct and every target whose files carry a reload command declares one.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile.js';
import { codes } from '../../src/diagnostics/codes.js';
import { targets } from '../../src/targets/index.js';

/** Files of src/targets/ that are the framework, not targets. */
const FRAMEWORK = ['index.ts', 'render.ts', 'scope.ts', 'types.ts'];
const targetFiles = readdirSync('src/targets')
  .filter((f) => f.endsWith('.ts') && !FRAMEWORK.includes(f))
  .map((f) => f.slice(0, -3))
  .sort();

const goldenManifests = readdirSync('fixtures/expected').map(
  (name) => JSON.parse(readFileSync(join('fixtures/expected', name, 'manifest.json'), 'utf8')) as { hosts: Record<string, { files: { target: string }[] }> },
);

describe('target registry', () => {
  it('registers one target per file under src/targets, each once, named after its file', () => {
    expect(targets.map((t) => t.id).sort()).toEqual(targetFiles);
    expect(new Set(targets).size).toBe(targets.length);
  });

  it.each(targetFiles)('%s has templates, a test file and a golden file', (id) => {
    expect(
      readdirSync(join('templates', id)).some((f) => f.endsWith('.hbs')),
      `templates/${id}/*.hbs`,
    ).toBe(true);
    expect(existsSync(`test/targets/${id}.test.ts`), `test/targets/${id}.test.ts`).toBe(true);
    const inGolden = goldenManifests.some((m) => Object.values(m.hosts).some((h) => h.files.some((f) => f.target === id)));
    expect(inGolden, `a file of ${id} in fixtures/expected/*/manifest.json`).toBe(true);
  });

  it('no target imports another target, or the renderer: the framework renders and checks their views', () => {
    const project = new Project({ tsConfigFilePath: 'tsconfig.json', skipAddingFilesFromTsConfig: true });
    const allowed = new Set(['types.ts'].map((f) => resolve('src/targets', f)));
    const offences: string[] = [];
    for (const id of targetFiles) {
      const file = project.addSourceFileAtPath(`src/targets/${id}.ts`);
      for (const declaration of file.getImportDeclarations()) {
        const imported = declaration.getModuleSpecifierSourceFile()?.getFilePath();
        if (!imported) continue;
        const inTargets = imported.startsWith(resolve('src/targets') + '/') && !allowed.has(imported);
        const renderer = imported.startsWith(resolve('src/render') + '/');
        if (inTargets || renderer) offences.push(`${id} imports ${declaration.getModuleSpecifierValue()}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('gives reload phases to distinct targets, and one to every target whose files are reloaded', () => {
    const phases = targets.filter((t) => t.reloadPhase !== undefined).map((t) => t.reloadPhase);
    expect(new Set(phases).size).toBe(phases.length);
    const reloaded = new Set<string>();
    for (const fixture of readdirSync('fixtures').filter((f) => f.endsWith('.yaml'))) {
      const { files } = compile(readFileSync(join('fixtures', fixture)), { fileName: fixture });
      for (const file of files) if (file.actions?.length) reloaded.add(file.target);
    }
    expect(reloaded.size).toBeGreaterThan(0);
    for (const id of reloaded) expect(targets.find((t) => t.id === id)?.reloadPhase, id).toBeDefined();
  });

  it('reports only registered target codes (LVS3xx) from the limits of targets', () => {
    for (const fixture of readdirSync('fixtures').filter((f) => f.endsWith('.yaml'))) {
      const { diagnostics } = compile(readFileSync(join('fixtures', fixture)), { fileName: fixture });
      for (const d of diagnostics.filter((x) => x.code.startsWith('LVS3'))) expect(codes.has(d.code), d.code).toBe(true);
    }
  });
});
