// Bytes to text: the size limit, UTF-8 decoding, the byte-order mark, and binary data (NUL bytes, control characters).
import type { Diagnostic } from '../diagnostics/types.js';
import { sourceDiagnostic } from './source-diagnostic.js';
import { SourceFile } from './source-file.js';

/** A decoded input: the source file holds the text when there are no diagnostics. */
export interface DecodedInput {
  /** The text to parse, or, when decoding failed, as much of it as locates the failure. */
  source: SourceFile;
  diagnostics: Diagnostic[];
}

/** Decodes one topology input into text without a BOM, or reports why it is not topology text. */
export function decodeInput(input: string | Uint8Array, fileName: string, maxBytes: number): DecodedInput {
  const byteLength = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (byteLength > maxBytes) {
    return {
      source: new SourceFile(fileName, ''),
      diagnostics: [
        sourceDiagnostic(
          'LVS001',
          `the file is larger than the limit of ${maxBytes} bytes`,
          undefined,
          'split the topology, or raise the limit with --max-bytes if the file is really meant to be this large',
        ),
      ],
    };
  }
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    if (input.includes(0)) return binary(fileName, input, input.indexOf(0));
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return notUtf8(fileName, input);
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const source = new SourceFile(fileName, text);
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (control) {
    const hex = control[0].charCodeAt(0).toString(16).padStart(2, '0');
    return {
      source,
      diagnostics: [
        sourceDiagnostic(
          'LVS002',
          `the file contains the control character U+00${hex.toUpperCase()}`,
          source.spanOf(control.index, control.index + 1),
          'topologies are plain text: remove the character (is this the right file?)',
        ),
      ],
    };
  }
  return { source, diagnostics: [] };
}

/** The text of bytes that are not clean UTF-8, with U+FFFD for bad sequences (as editors show it). */
function lenient(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

/** Character offset, in `lenient(bytes)`, of the byte at `at` (which starts a sequence or is invalid). */
function charOffset(bytes: Uint8Array, at: number): number {
  // stream: true leaves a trailing incomplete sequence undecoded, so the length counts whole characters only.
  return new TextDecoder('utf-8').decode(bytes.subarray(0, at), { stream: true }).length;
}

/** Reports the NUL byte at byte offset `at`. */
function binary(fileName: string, bytes: Uint8Array, at: number): DecodedInput {
  const source = new SourceFile(fileName, lenient(bytes));
  const offset = charOffset(bytes, at);
  return {
    source,
    diagnostics: [
      sourceDiagnostic(
        'LVS002',
        `the file contains a NUL byte at offset ${at}: it looks like binary data, not a YAML topology`,
        source.spanOf(offset, offset + 1),
        'check the file name; topologies are UTF-8 text',
      ),
    ],
  };
}

/** Reports the first byte that breaks UTF-8, located so that a Latin-1 `é` can be found and fixed. */
function notUtf8(fileName: string, bytes: Uint8Array): DecodedInput {
  // The longest prefix that decodes (streaming, so a cut sequence is not an error) ends where the bad byte is.
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const mid = (good + bad) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      good = mid;
    } catch {
      bad = mid;
    }
  }
  const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, good), { stream: true });
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const at = Buffer.byteLength(prefix) + bom;
  const source = new SourceFile(fileName, lenient(bytes));
  const byte = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return {
    source,
    diagnostics: [
      sourceDiagnostic(
        'LVS003',
        `the file is not valid UTF-8 text: byte 0x${byte} at offset ${at} does not belong to a UTF-8 character`,
        source.spanOf(prefix.length, prefix.length + 1),
        'save the topology as UTF-8 (it may be Latin-1 or another legacy encoding)',
      ),
    ],
  };
}
