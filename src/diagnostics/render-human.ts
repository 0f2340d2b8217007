// Renders diagnostics in the rustc style: `error[LVS201]: ...`, `--> file:line:col`, source line, carets, help.
import type { SourceFile } from '../source/source-file.js';
import { escapeDiagnostic, escapeInvisible, invisibleCharacters } from './escape.js';
import type { Diagnostic, Span } from './types.js';

/** Options of {@link renderHuman}. */
export interface HumanOptions {
  /** ANSI colours. Default false. */
  color?: boolean;
}

const paint = (on: boolean, code: string, text: string): string => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

/** Makes a source line printable: tabs to spaces, other invisible characters (which terminals obey) to '?', one column each. */
function printable(text: string): string {
  return text.replace(/\t/g, ' ').replace(invisibleCharacters, '?');
}

/** Longest source line shown whole; a longer one (minified JSON, binary) is cut to a window around the span. */
const MAX_LINE = 120;

function snippet(source: SourceFile, span: Span, mark: string, label: string | undefined, gutter: number, color: boolean, tone: string): string[] {
  const fullText = printable(source.lineText(span.line));
  let width = span.endLine === span.line ? Math.max(1, span.endColumn - span.column) : Math.max(1, fullText.length - span.column + 1);
  let lineText = fullText;
  let column = span.column;
  if (fullText.length > MAX_LINE) {
    const start = Math.max(0, Math.min(span.column - 1 - 40, fullText.length - MAX_LINE));
    const head = start > 0 ? '...' : '';
    const tail = start + MAX_LINE < fullText.length ? '...' : '';
    lineText = head + fullText.slice(start, start + MAX_LINE) + tail;
    column = span.column - start + head.length;
    width = Math.max(1, Math.min(width, MAX_LINE - (span.column - 1 - start)));
  }
  const pad = ' '.repeat(gutter);
  const bar = paint(color, '1;34', '|');
  const number = paint(color, '1;34', String(span.line).padStart(gutter));
  const marks = paint(color, tone, mark.repeat(width) + (label ? ' ' + label : ''));
  return [`${number} ${bar} ${lineText}`, `${pad} ${bar} ${' '.repeat(column - 1)}${marks}`];
}

/** Diagnostics as compiler-style text (`error[LVS201]: …`, the source line, a caret, help), as `lvscc lint` prints them. */
export function renderHuman(diagnostics: readonly Diagnostic[], source: SourceFile, options: HumanOptions = {}): string {
  const color = options.color ?? false;
  const out: string[] = [];
  for (const d of diagnostics.map(escapeDiagnostic)) {
    const tone = d.severity === 'error' ? '1;31' : d.severity === 'warning' ? '1;33' : '1;36';
    out.push(`${paint(color, tone, `${d.severity}[${d.code}]`)}${paint(color, '1', ': ' + d.message)}`);
    const lines = [d.span?.line ?? 1, ...d.related.map((r) => r.span.line)];
    const gutter = String(Math.max(...lines)).length;
    const pad = ' '.repeat(gutter);
    const bar = paint(color, '1;34', '|');
    if (d.span && source.text.length > 0) {
      out.push(`${pad}${paint(color, '1;34', '-->')} ${d.span.file}:${d.span.line}:${d.span.column}`);
      out.push(`${pad} ${bar}`);
      out.push(...snippet(source, d.span, '^', d.label, gutter, color, tone));
      for (const r of d.related) {
        out.push(`${pad} ${bar}`);
        out.push(`${pad}${paint(color, '1;34', ':::')} ${r.span.file}:${r.span.line}:${r.span.column}`);
        out.push(...snippet(source, r.span, '-', r.message, gutter, color, '1;34'));
      }
      out.push(`${pad} ${bar}`);
    } else {
      out.push(`${pad}${paint(color, '1;34', '-->')} ${d.span?.file ?? escapeInvisible(source.name)}`);
    }
    if (d.help) out.push(`${pad} ${paint(color, '1;34', '=')} ${paint(color, '1', 'help')}: ${d.help}`);
    out.push('');
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  if (errors || warnings) {
    const parts = [];
    if (errors) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
    if (warnings) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
    out.push(`${escapeInvisible(source.name)}: ${parts.join(', ')}`);
  }
  return out.join('\n') + (out.length ? '\n' : '');
}
