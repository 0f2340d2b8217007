// Located findings of lvscc import (LVS4xx), in the Diagnostic shape that lint's renderers print.
import type { Diagnostic, Severity, Span } from '../diagnostics/types.js';

/** A finding about an imported file: a Diagnostic whose span points into that file. */
export type ImportProblem = Diagnostic;

/** An LVS4xx diagnostic at `span` (absent for whole-file findings). */
export function importProblem(code: string, message: string, span: Span | undefined, help: string, severity: Severity = 'error'): ImportProblem {
  return { code, severity, message, ...(span && { span }), related: [], help };
}
