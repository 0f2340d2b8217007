// Renders diagnostics in the rustc style: `error[LVS201]: ...`, `--> file:line:col`, source line, carets, help.
import type { SourceFile } from '../source/source-file.js';
import type { Diagnostic, Span } from './types.js';

export interface HumanOptions {
  color?: boolean;
}

const paint = (on: boolean, code: string, text: string): string => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

/** Makes a source line printable: tabs to spaces, other control characters to '?'. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\t/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '?');
}

function snippet(source: SourceFile, span: Span, mark: string, label: string | undefined, gutter: number, color: boolean, tone: string): string[] {
  const lineText = printable(source.lineText(span.line));
  const width = span.endLine === span.line ? Math.max(1, span.endColumn - span.column) : Math.max(1, lineText.length - span.column + 1);
  const pad = ' '.repeat(gutter);
  const bar = paint(color, '1;34', '|');
  const number = paint(color, '1;34', String(span.line).padStart(gutter));
  const marks = paint(color, tone, mark.repeat(width) + (label ? ' ' + label : ''));
  return [`${number} ${bar} ${lineText}`, `${pad} ${bar} ${' '.repeat(span.column - 1)}${marks}`];
}

export function renderHuman(diagnostics: readonly Diagnostic[], source: SourceFile, options: HumanOptions = {}): string {
  const color = options.color ?? false;
  const out: string[] = [];
  for (const d of diagnostics) {
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
      out.push(`${pad}${paint(color, '1;34', '-->')} ${d.span?.file ?? source.name}`);
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
    out.push(`${source.name}: ${parts.join(', ')}`);
  }
  return out.join('\n') + (out.length ? '\n' : '');
}
