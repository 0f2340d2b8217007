// Property: a topology that lints without errors compiles to files and a manifest, with no LVS901 and no exception.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, hasErrors, lint } from '../../src/compile.js';
import { generatedTopology } from './arbitrary-topology.js';
import { openTargetClasses } from './open-classes.js';

const runs = Number(process.env.LVSCC_PROPERTY_RUNS ?? 2000);
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
});
