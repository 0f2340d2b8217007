#!/usr/bin/env node
// `npm run fuzz -- --docs N [--seed S] [--jobs J] [--sample K]`: the CI fuzz test (test/fuzz/fuzz.test.ts), longer.
// The seed defaults to a random one (printed); failures are written minimised to .fuzz-out/<seed>/.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { docs: { type: 'string', default: '100000' }, seed: { type: 'string' }, jobs: { type: 'string' }, sample: { type: 'string' } },
});
const seed = values.seed ?? String(Math.floor(Math.random() * 2 ** 31));
const env = { ...process.env, LVSCC_FUZZ_DOCS: values.docs, LVSCC_FUZZ_SEED: seed, LVSCC_FUZZ_TIMEOUT: '0' };
if (values.jobs) env.LVSCC_FUZZ_JOBS = values.jobs;
if (values.sample) env.LVSCC_FUZZ_SAMPLE = values.sample;
console.log(`fuzz: ${values.docs} documents, seed ${seed}`);
const run = spawnSync('npx', ['vitest', 'run', 'test/fuzz/fuzz.test.ts'], { stdio: 'inherit', env });
process.exit(run.status ?? 1);
