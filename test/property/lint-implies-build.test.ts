// Property: a topology that lints without errors compiles to files and a manifest, with no LVS901 and no exception;
// and (where keepalived is installed) its keepalived.conf passes `keepalived -t`.
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compile, hasErrors, lint } from '../../src/compile.js';
import { generatedTopology } from './arbitrary-topology.js';
import { openTargetClasses } from './open-classes.js';
import { haveTool, runWithInterfaces } from '../real-tools.js';

const runs = Number(process.env.LVSCC_PROPERTY_RUNS ?? 2000);
const keepalivedRuns = Number(process.env.LVSCC_PROPERTY_KEEPALIVED_RUNS ?? 60);
const seed = process.env.LVSCC_PROPERTY_SEED !== undefined ? Number(process.env.LVSCC_PROPERTY_SEED) : undefined;

describe('what lint accepts, build renders', () => {
  it(`compiles every lint-clean generated topology (${runs} cases)`, () => {
    let clean = 0;
    const start = performance.now();
    fc.assert(
      fc.property(generatedTopology({ exclude: (document) => openTargetClasses.some((c) => c.matches(document)) }), ({ yaml }) => {
        const linted = lint(yaml, { fileName: 'generated.yaml' });
        if (hasErrors(linted.diagnostics)) return;
        clean++;
        const compiled = compile(yaml, { fileName: 'generated.yaml' });
        const internal = compiled.diagnostics.filter((d) => d.code === 'LVS901').map((d) => d.message);
        expect(internal).toEqual([]);
        expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(compiled.files.length).toBeGreaterThan(0);
        expect(compiled.manifest).toBeDefined();
        // Rendered, not only emitted: no negative MSS or MTU reaches a script or unit (found once: `advmss -36`).
        const negative = compiled.files.filter((f) => /(?:advmss|MaximumSegmentSize=|MTUBytes=|mtu)\s*"?-\d/.test(f.content)).map((f) => f.path);
        expect(negative).toEqual([]);
      }),
      { numRuns: runs, ...(seed !== undefined ? { seed } : {}) },
    );
    const seconds = (performance.now() - start) / 1000;
    console.log(`lint-implies-build: ${runs} cases, ${clean} lint-clean (${((100 * clean) / runs).toFixed(1)}%), ${seconds.toFixed(1)} s`);
    // The generator must keep producing both kinds: too few clean cases test nothing, too many test no near-miss.
    expect(clean / runs).toBeGreaterThan(0.3);
    expect(clean / runs).toBeLessThan(0.7);
  }, 120_000);

  const scratch = mkdtempSync(join(tmpdir(), 'lvscc-property-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const keepalivedManaged = generatedTopology({ exclude: (document) => openTargetClasses.some((c) => c.matches(document)) }).filter(
    ({ document }) => document.manager === 'keepalived' || (document.manager === undefined && Object.keys(document.directors).length >= 2),
  );

  it.runIf(haveTool('keepalived', ['--version']))(
    `writes a keepalived.conf that keepalived -t accepts for every lint-clean keepalived topology (${keepalivedRuns} cases)`,
    () => {
      let checked = 0;
      fc.assert(
        fc.property(keepalivedManaged, ({ yaml }) => {
          const compiled = compile(yaml, { fileName: 'generated.yaml' });
          if (hasErrors(compiled.diagnostics)) return;
          const conf = compiled.files.find((f) => f.path.endsWith('keepalived.conf'));
          if (!conf) return;
          checked++;
          const path = join(scratch, `keepalived-${checked}.conf`);
          writeFileSync(path, conf.content);
          const interfaces = (compiled.model?.directors ?? []).flatMap((d) => d.interfaces.map((i) => i.name));
          const result = runWithInterfaces(interfaces, 'keepalived', ['-t', '-l', '-n', '-f', path]);
          expect(result.status, `${String(result.stdout)}${String(result.stderr)}`).toBe(0);
        }),
        { numRuns: keepalivedRuns, ...(seed !== undefined ? { seed } : {}) },
      );
      console.log(`lint-implies-build: keepalived -t on ${checked} of ${keepalivedRuns} keepalived topologies`);
      expect(checked).toBeGreaterThan(0);
    },
    120_000,
  );
});
