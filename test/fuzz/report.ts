// The messages between the fuzz run and its worker threads.
import type { Failure } from './check.js';
import type { DocumentKind } from './generate.js';

export interface WorkerInput {
  seed: number;
  docs: number;
  shard: number;
  shards: number;
  /** Compiled documents of this shard whose keepalived.conf and scripts the real tools check. */
  sample: number;
}

export interface FoundFailure {
  index: number;
  docKind: DocumentKind;
  failure: Failure;
  text: string;
  minimised: string;
}

export interface ShardReport {
  documents: number;
  lintClean: number;
  compiled: number;
  maxLintMs: number;
  sampled: number;
  byKind: Partial<Record<DocumentKind, { documents: number; lintClean: number }>>;
  fieldCounts: Record<string, number>;
  failures: FoundFailure[];
  keepalived: { index: number; path: string; content: string; interfaces: string[] }[];
  scripts: { index: number; path: string; content: string }[];
}
