// yaml's errors and warnings phrased for people: codes LVS005, LVS006, LVS010 and LVS011, located in the source.
import type { Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/types.js';
import { sourceDiagnostic, tooDeep } from './source-diagnostic.js';
import type { SourceFile } from './source-file.js';

const yamlCodes: Record<string, string> = {
  TAB_AS_INDENT: 'LVS006',
  MULTIPLE_DOCS: 'LVS010',
};

/** The diagnostics of a parsed document's errors and warnings, each reported once; empty when yaml found nothing. */
export function yamlDiagnostics(doc: Document.Parsed, source: SourceFile): Diagnostic[] {
  const { text } = source;
  const diagnostics: Diagnostic[] = [];
  for (const error of doc.errors) {
    const [start, end] = error.pos;
    const span = source.spanOf(start, Math.min(end, text.length));
    // Deep block indentation that the nesting check does not count can still exhaust yaml's recursion.
    if (/call stack/i.test(error.message)) {
      diagnostics.push(tooDeep(span));
      continue;
    }
    const code = yamlCodes[error.code] ?? 'LVS005';
    diagnostics.push(sourceDiagnostic(code, yamlMessage(error.code, error.message), span, yamlHelp(code)));
  }
  for (const warning of doc.warnings) {
    const [start, end] = warning.pos;
    diagnostics.push(
      sourceDiagnostic(
        'LVS011',
        firstLine(warning.message),
        source.spanOf(start, Math.min(end, text.length)),
        'topologies use plain YAML: no custom tags or directives',
      ),
    );
  }
  return dedupe(diagnostics);
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.charAt(0).toLowerCase() + line.slice(1).replace(/\s+at line \d+, column \d+:?$/, '');
}

function yamlMessage(code: string, message: string): string {
  switch (code) {
    case 'TAB_AS_INDENT':
      return 'a tab is used for indentation';
    case 'MULTIPLE_DOCS':
      return 'the file holds more than one YAML document';
    default:
      return 'YAML syntax error: ' + firstLine(message);
  }
}

function yamlHelp(code: string): string {
  switch (code) {
    case 'LVS006':
      return 'YAML indentation must use spaces';
    case 'LVS010':
      return 'keep one topology per file (remove the `---` separator)';
    default:
      return 'fix the YAML syntax at the marked place';
  }
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}:${d.span?.offset}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
