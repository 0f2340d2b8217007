// The registry of every diagnostic code lvscc can emit. Codes are never reused or renumbered;
// a retired code stays here with `retired: true`. Each code has docs/codes/<CODE>.md for `lvscc explain`.
import type { Severity } from './types.js';

export interface CodeInfo {
  code: string;
  /** Kebab-case name, also the SARIF rule name. */
  name: string;
  severity: Severity;
  /** One line, lower case, no final period. */
  summary: string;
  retired?: boolean;
}

const table: CodeInfo[] = [
  // LVS0xx: reading the file and YAML
  { code: 'LVS001', name: 'file-too-large', severity: 'error', summary: 'the topology file is larger than the size limit' },
  { code: 'LVS002', name: 'binary-input', severity: 'error', summary: 'the topology file contains NUL bytes or other binary data' },
  { code: 'LVS003', name: 'invalid-utf8', severity: 'error', summary: 'the topology file is not valid UTF-8' },
  { code: 'LVS004', name: 'empty-document', severity: 'error', summary: 'the topology file holds no document' },
  { code: 'LVS005', name: 'yaml-syntax', severity: 'error', summary: 'the topology file is not well-formed YAML' },
  { code: 'LVS006', name: 'tab-indentation', severity: 'error', summary: 'tabs are used for indentation' },
  { code: 'LVS007', name: 'duplicate-key', severity: 'error', summary: 'a mapping has the same key twice' },
  { code: 'LVS008', name: 'too-many-aliases', severity: 'error', summary: 'the document uses more aliases than allowed' },
  { code: 'LVS009', name: 'nesting-too-deep', severity: 'error', summary: 'the document nests deeper than allowed' },
  { code: 'LVS010', name: 'multiple-documents', severity: 'error', summary: 'the file holds more than one YAML document' },
  { code: 'LVS011', name: 'unsupported-yaml', severity: 'error', summary: 'the document uses a YAML feature that topologies do not allow' },
  // LVS1xx: schema
  { code: 'LVS101', name: 'wrong-type', severity: 'error', summary: 'a value has the wrong type' },
  { code: 'LVS102', name: 'unknown-key', severity: 'error', summary: 'a key is not part of the topology format' },
  { code: 'LVS103', name: 'missing-key', severity: 'error', summary: 'a required key is missing' },
  { code: 'LVS104', name: 'value-not-allowed', severity: 'error', summary: 'a value is not one of the allowed choices' },
  { code: 'LVS105', name: 'out-of-range', severity: 'error', summary: 'a number or list is outside its allowed range' },
  { code: 'LVS106', name: 'invalid-name', severity: 'error', summary: 'a name is not safe as a file name, shell word and config token' },
  { code: 'LVS107', name: 'invalid-address', severity: 'error', summary: 'a value is not a valid IP address or prefix' },
  { code: 'LVS108', name: 'unsupported-version', severity: 'error', summary: 'the topology format version is not supported' },
  { code: 'LVS109', name: 'schema-constraint', severity: 'error', summary: 'a value breaks a constraint of the topology format' },
  // LVS2xx: semantic lint
  { code: 'LVS201', name: 'duplicate-address', severity: 'error', summary: 'two hosts or interfaces have the same address' },
];

export const codes: ReadonlyMap<string, CodeInfo> = new Map(table.map((c) => [c.code, c]));

export function codeInfo(code: string): CodeInfo {
  const info = codes.get(code);
  if (!info) throw new Error(`unregistered diagnostic code ${code}`);
  return info;
}
