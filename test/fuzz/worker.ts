// One fuzz worker thread: checks the batches `number ≡ shard (mod shards)` of the run and posts what it found.
import { parentPort, workerData } from 'node:worker_threads';
import { checkDocument, minimise } from './check.js';
import { BATCH, generateDocument } from './generate.js';
import type { ShardReport, WorkerInput } from './report.js';

const input = workerData as WorkerInput;
const report: ShardReport = {
  documents: 0,
  lintClean: 0,
  compiled: 0,
  maxLintMs: 0,
  sampled: 0,
  byKind: {},
  fieldCounts: {},
  failures: [],
  keepalived: [],
  scripts: [],
};
const seenScripts = new Set<string>();
for (let index = 0; index < input.docs; index++) {
  // Whole batches per worker (generation is batched).
  if (Math.floor(index / BATCH) % input.shards !== input.shard) continue;
  const doc = generateDocument(input.seed, index);
  const outcome = checkDocument(doc.text);
  report.documents++;
  const kind = (report.byKind[doc.kind] ??= { documents: 0, lintClean: 0 });
  kind.documents++;
  if (outcome.lintClean) {
    report.lintClean++;
    kind.lintClean++;
  }
  if (outcome.compiled) report.compiled++;
  report.maxLintMs = Math.max(report.maxLintMs, outcome.lintMs);
  for (const f of doc.fields) report.fieldCounts[f] = (report.fieldCounts[f] ?? 0) + 1;
  const failure = outcome.failures[0];
  if (failure) report.failures.push({ index, docKind: doc.kind, failure, text: doc.text, minimised: minimise(doc.text, failure.kind) });
  // The real-tool sample: the first compiled documents of this shard, each keepalived.conf and each distinct script.
  if (outcome.compiled && report.sampled < input.sample) {
    report.sampled++;
    for (const k of outcome.keepalived) report.keepalived.push({ index, ...k });
    for (const s of outcome.scripts) {
      if (seenScripts.has(s.content)) continue;
      seenScripts.add(s.content);
      report.scripts.push({ index, ...s });
    }
  }
}
parentPort!.postMessage(report);
