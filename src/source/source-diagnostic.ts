// Builds the loader's diagnostics: the code's registered severity, and only the fields that are set.
import { codeInfo } from '../diagnostics/codes.js';
import type { Diagnostic, Span } from '../diagnostics/types.js';
import { BYTES_PER_VALUE, MAX_DEPTH } from './limits.js';

/** A diagnostic of `code` with the severity the code registry gives it. */
export function sourceDiagnostic(code: string, message: string, span: Span | undefined, help?: string, label?: string): Diagnostic {
  const d: Diagnostic = { code, severity: codeInfo(code).severity, message, related: [] };
  if (span) d.span = span;
  if (help) d.help = help;
  if (label) d.label = label;
  return d;
}

/** LVS009 at `span`: the nesting check, yaml's recursion and the walker all report deep nesting alike. */
export function tooDeep(span: Span | undefined): Diagnostic {
  return sourceDiagnostic('LVS009', `the document nests deeper than ${MAX_DEPTH} levels`, span, 'a topology needs only a few levels; flatten this structure');
}

/** LVS012 at `span`, the first value past the bound of `maxValues` that a size limit of `maxBytes` sets. */
export function tooManyValues(span: Span | undefined, maxValues: number, maxBytes: number): Diagnostic {
  return sourceDiagnostic(
    'LVS012',
    `the document holds more than ${maxValues} values (keys, values and list items): one per ${BYTES_PER_VALUE} bytes of the ${maxBytes}-byte size limit`,
    span,
    'a topology holds about one value per 13 bytes; look for a repeated or generated block, or raise the size limit (and this bound with it) with --max-bytes',
  );
}
