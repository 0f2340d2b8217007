// Reads topology text into plain data, and the source file that locates any JSON pointer in it, turning every
// malformed input (binary, bad UTF-8, YAML errors, alias bombs, deep nesting) into diagnostics. Each stage
// has its module: decode.ts, lexeme-limits.ts, yaml-errors.ts, walk.ts, locate.ts.
import { Composer, Lexer, YAMLParseError, isScalar, type Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/types.js';
import { decodeInput } from './decode.js';
import { DEFAULT_MAX_BYTES, MAX_ALIASES, MAX_ALIAS_EXPANSION, MAX_DEPTH, maxValuesFor } from './limits.js';
import { Locator } from './locate.js';
import { LexemeLimits, parseChecked } from './lexeme-limits.js';
import { sourceDiagnostic, tooDeep, tooManyValues } from './source-diagnostic.js';
import type { SourceFile } from './source-file.js';
import { AliasTargets, Walker } from './walk.js';
import { yamlDiagnostics } from './yaml-errors.js';

export { DEFAULT_MAX_BYTES, MAX_ALIASES, MAX_ALIAS_EXPANSION, MAX_DEPTH };

export interface LoadOptions {
  /** Largest accepted input in bytes. Default 1 MiB. */
  maxBytes?: number;
}

export interface LoadResult {
  source: SourceFile;
  /** The document as plain JSON-like data; undefined when it could not be read. */
  data: unknown;
  diagnostics: Diagnostic[];
}

/** Decodes and parses one topology file. Never throws for any input. */
export function loadTopology(input: string | Uint8Array, fileName: string, options: LoadOptions = {}): LoadResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const decoded = decodeInput(input, fileName, maxBytes);
  const { source } = decoded;
  if (decoded.diagnostics.length) return { source, data: undefined, diagnostics: decoded.diagnostics };
  const { text } = source;

  // One lexer pass feeds both the lexeme limits and yaml's parser (a separate pre-check pass cost a
  // full extra lexing of the file); the check stops the parse as soon as a limit is passed, before
  // the parser meets the deep or dense part, and runs to the end of the text so that it finds what it always found.
  const limits = new LexemeLimits(maxValuesFor(maxBytes));
  const lexemes = new Lexer().lex(text);
  // uniqueKeys: false because yaml's own duplicate-key check is quadratic in the size of a mapping
  // (14 000 real servers took seconds); the walker checks keys with the mapping it builds instead.
  const composer = new Composer({ uniqueKeys: false, prettyErrors: false, strict: true, keepSourceTokens: false });
  let doc: Document.Parsed | undefined;
  try {
    // What parseDocument() does, with our lexer loop: the first document, and an error if there is another.
    for (const next of composer.compose(parseChecked(lexemes, limits), true, text.length)) {
      if (!doc) doc = next;
      else {
        doc.errors.push(
          new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'),
        );
        break;
      }
    }
    for (let lexeme = lexemes.next(); !lexeme.done; lexeme = lexemes.next()) limits.feed(lexeme.value);
  } catch (error) {
    if (error !== LexemeLimits.STOP) throw error;
  }
  if (limits.stoppedAt !== undefined) {
    const span = source.spanOf(limits.stoppedAt, limits.stoppedAt + 1);
    return { source, data: undefined, diagnostics: [limits.stoppedBy === 'values' ? tooManyValues(span, limits.maxValues, maxBytes) : tooDeep(span)] };
  }
  if (!doc) throw new Error('internal error: yaml composed no document');

  const diagnostics = yamlDiagnostics(doc, source);
  if (diagnostics.length > 0) return { source, data: undefined, diagnostics };
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return {
      source,
      data: undefined,
      diagnostics: [sourceDiagnostic('LVS004', 'the file holds no topology', source.spanOf(0, 0), 'run `lvscc init` to write a starter topology')],
    };
  }
  const aliases = new AliasTargets(doc);
  const walker = new Walker(aliases, source);
  const data = walker.walk(doc.contents, 0);
  if (walker.diagnostics.length) return { source, data: undefined, diagnostics: walker.diagnostics };
  source.setLocator(new Locator(doc.contents, aliases));
  return { source, data, diagnostics: [] };
}
