// The contract between the lint engine and its rules.
import type { Model } from '../model/types.js';
import type { Severity } from '../diagnostics/types.js';

/** A finding as a rule states it: places are JSON pointers, turned into spans by the engine. */
export interface Finding {
  code: string;
  pointer: string;
  /** Point at the map key rather than the value. Default 'value'. */
  at?: 'value' | 'key';
  message: string;
  label?: string;
  related?: { pointer: string; at?: 'value' | 'key'; message: string }[];
  help?: string;
  /** Overrides the code's registered severity (rare). */
  severity?: Severity;
}

/** One lint rule: reads the model, reports findings, never throws. One file per rule. */
export interface LintRule {
  /** The code this rule reports (registered in src/diagnostics/codes.ts). */
  code: string;
  check(model: Model, report: (finding: Finding) => void): void;
}
