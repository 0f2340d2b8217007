// The Diagnostic data type shared by every stage of the compiler and every renderer.
import { compareText } from '../util/compare.js';

/** A location in the source file, 1-based line and column (columns count UTF-16 code units), end exclusive. */
export interface Span {
  file: string;
  /** 0-based offset of the first character, in UTF-16 code units of the text (a string index, not a byte offset). */
  offset: number;
  /** Length in UTF-16 code units; 0 marks a point. */
  length: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type Severity = 'error' | 'warning' | 'note';

/** A secondary location that explains the primary one ("first used by rs2"). */
export interface RelatedSpan {
  span: Span;
  message: string;
}

/** One finding of the compiler: data, rendered later as text, JSON or SARIF. */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  /** Where the finding is; absent only for whole-file findings that have no location. */
  span?: Span;
  /** Short label printed under the caret. */
  label?: string;
  related: RelatedSpan[];
  help?: string;
}

/** Sorts diagnostics by position, then code, so that output is stable. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => (a.span?.offset ?? -1) - (b.span?.offset ?? -1) || compareText(a.code, b.code) || compareText(a.message, b.message));
}

/** True when any diagnostic is an error (a build then writes nothing). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
