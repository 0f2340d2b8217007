// Renders diagnostics as SARIF 2.1.0, so CI code scanning can annotate the topology file.
import { codes } from './codes.js';
import { escapeDiagnostic } from './escape.js';
import type { Diagnostic, Span } from './types.js';

const level = { error: 'error', warning: 'warning', note: 'note' } as const;

function region(span: Span): object {
  return { startLine: span.line, startColumn: span.column, endLine: span.endLine, endColumn: span.endColumn };
}

/**
 * A file name as the URI reference SARIF requires: forward slashes, and spaces, `#`, `?` and
 * non-ASCII characters percent-encoded (`my topology.yaml` -> `my%20topology.yaml`).
 */
export function artifactUri(file: string): string {
  return encodeURI(file.replace(/\\/g, '/')).replace(/#/g, '%23').replace(/\?/g, '%3F');
}

function location(span: Span, message?: string): object {
  const loc: Record<string, unknown> = { physicalLocation: { artifactLocation: { uri: artifactUri(span.file) }, region: region(span) } };
  if (message) loc.message = { text: message };
  return loc;
}

/** Diagnostics as a SARIF 2.1.0 log (`lvscc lint --format sarif`), for code scanning; `version` is lvscc's. */
export function renderSarif(diagnostics: readonly Diagnostic[], file: string, version: string): string {
  const used = [...new Set(diagnostics.map((d) => d.code))].sort();
  const rules = used.map((code) => {
    const info = codes.get(code);
    return {
      id: code,
      name: info?.name ?? code,
      shortDescription: { text: info?.summary ?? code },
      defaultConfiguration: { level: level[info?.severity ?? 'error'] },
    };
  });
  // Message texts escaped; locations keep the file name, which artifactUri percent-encodes.
  const results = diagnostics.map((d) => {
    const text = escapeDiagnostic(d);
    const r: Record<string, unknown> = {
      ruleId: d.code,
      ruleIndex: used.indexOf(d.code),
      level: level[d.severity],
      message: { text: text.help ? `${text.message}\nhelp: ${text.help}` : text.message },
      locations: [location(d.span ?? { file, offset: 0, length: 0, line: 1, column: 1, endLine: 1, endColumn: 1 })],
    };
    if (d.related.length) r.relatedLocations = d.related.map((rel, i) => ({ id: i + 1, ...location(rel.span, text.related[i]!.message) }));
    return r;
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'lvscc', version, rules } },
        artifacts: [{ location: { uri: artifactUri(file) } }],
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
