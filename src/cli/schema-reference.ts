// LVS110: the schema file a topology's `# yaml-language-server: $schema=...` line names is not the running lvscc's schema.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/types.js';
import type { SourceFile } from '../source/source-file.js';

/** The comment line yaml-language-server reads, among the comment lines that open the file. */
const MODELINE = /^#\s*yaml-language-server:\s*\$schema=(\S+)/;

/**
 * A warning when the topology at `file` names, in its modeline, a local schema file that exists and differs
 * from `schemaText` (this lvscc's schema): the editor then checks against another version of the format,
 * typically after an upgrade. Standard input, URLs and missing files give nothing (a missing file is the
 * editor's to report). Lives in the CLI, not in the pure front end: it reads a second file.
 */
export function staleSchemaDiagnostics(source: SourceFile, file: string, schemaText: () => string): Diagnostic[] {
  if (file === '-') return [];
  let offset = 0;
  for (const line of source.text.split('\n', 20)) {
    if (!line.startsWith('#')) break;
    const match = MODELINE.exec(line);
    if (match) {
      const reference = match[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(reference)) return [];
      const path = resolve(dirname(file), reference);
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch {
        return [];
      }
      if (bytes.equals(Buffer.from(schemaText()))) return [];
      const start = offset + line.indexOf(reference);
      return [
        {
          code: 'LVS110',
          severity: 'warning',
          message: `${reference} is not the schema of this lvscc; the editor checks this topology against another version of the format`,
          span: source.spanOf(start, start + reference.length),
          label: 'differs from `lvscc schema`',
          related: [],
          help: `refresh it with: lvscc schema > ${relative(process.cwd(), path) || path}`,
        },
      ];
    }
    offset += line.length + 1;
  }
  return [];
}
