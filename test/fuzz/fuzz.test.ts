// The fuzz run of every `npm test`: 10,000 seeded documents (LVSCC_FUZZ_SEED, LVSCC_FUZZ_DOCS; `npm run fuzz` for
// longer runs), checked in worker threads; failures are written minimised to the directory the failure names.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { haveTool } from '../real-tools.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { checkFiles, runFuzz } from './run.js';

const seed = Number(process.env.LVSCC_FUZZ_SEED ?? 20261201);
const docs = Number(process.env.LVSCC_FUZZ_DOCS ?? 10_000);
const sample = Number(process.env.LVSCC_FUZZ_SAMPLE ?? 500);
const jobs = process.env.LVSCC_FUZZ_JOBS ? Number(process.env.LVSCC_FUZZ_JOBS) : undefined;
const outDir = process.env.LVSCC_FUZZ_OUT ?? join(process.cwd(), '.fuzz-out', String(seed));

describe('fuzz', () => {
  it(
    `${docs} documents (seed ${seed}): no exception, no LVS901, every error located, lint < 1 s, lint-clean compiles, real tools accept the sample`,
    async () => {
      haveTool('keepalived', ['--version']);
      haveTool('bash', ['--version']);
      console.log(`fuzz: seed ${seed} (LVSCC_FUZZ_SEED=${seed} LVSCC_FUZZ_DOCS=${docs} reproduces this run)`);
      const s = await runFuzz({ seed, docs, sample, outDir, ...(jobs ? { jobs } : {}) });
      const kinds = Object.entries(s.byKind)
        .map(([k, c]) => `${k} ${c.documents} (${c.lintClean} clean)`)
        .join(', ');
      console.log(
        `fuzz: ${s.documents} documents, ${s.lintClean} lint-clean, ${s.compiled} compiled, ${s.sampled} sampled: ${s.keepalivedChecked} keepalived -t checked, ` +
          `${s.bashChecked} bash -n checked; slowest lint ${s.maxLintMs.toFixed(0)} ms; ${s.jobs} workers, ${s.seconds.toFixed(1)} s (${s.workerSeconds.toFixed(1)} s in workers)`,
      );
      console.log(`fuzz: by kind: ${kinds}; ${Object.keys(s.fieldCounts).length} schema fields set`);
      const where = `written to ${outDir} (add each minimised .yaml to test/fuzz/regressions/ with an # expect: line)`;
      expect(
        s.failures.map((f) => `${f.index} ${f.failure.kind}: ${f.failure.detail.split('\n')[0]}`),
        `failures ${where}`,
      ).toEqual([]);
      expect(
        s.toolFailures.map((t) => `${t.index} ${t.tool} ${t.path}: ${t.output.split('\n')[0]}`),
        `tool failures ${where}`,
      ).toEqual([]);
      // Fields are filled in turn: a run of 2,000 documents reaches each of them.
      if (docs >= 2000) expect(s.unreachedFields, 'schema fields the schema fill never set').toEqual([]);
      expect(s.documents).toBe(docs);
      expect(s.sampled).toBeGreaterThanOrEqual(Math.min(sample, s.compiled));
      expect(s.keepalivedChecked).toBeGreaterThan(0);
      expect(s.bashChecked).toBeGreaterThan(0);
    },
    Number(process.env.LVSCC_FUZZ_TIMEOUT ?? 600_000) || 24 * 3600_000,
  );

  it('the real-tool checks fail on a broken file (so their passing means something)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lvscc-fuzz-self-'));
    try {
      const conf = join(dir, 'broken.conf');
      const script = join(dir, 'broken.sh');
      const good = join(dir, 'good.sh');
      writeFileSync(conf, 'virtual_server 10.0.0.1 80 {\n  real_server 10.0.0.2 80 {\n');
      writeFileSync(script, 'if true; then\n  echo "unterminated\n');
      writeFileSync(good, 'echo ok\n');
      const bash = await checkFiles([], 'bash -n', [script, good], 2);
      expect([bash.get(script)?.status, bash.get(good)?.status]).toEqual([2, 0]);
      if (haveTool('keepalived', ['--version'])) {
        const keepalived = await checkFiles([], 'keepalived -t -l -n -f', [conf], 1);
        expect(keepalived.get(conf)?.status).not.toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
