// Validates topology data against the published JSON Schema (draft-07) and phrases ajv's errors
// for people, each located at the YAML node it concerns.
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { codeInfo } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { closest } from '../util/closest.js';
import type { SourceFile } from '../source/source-file.js';
import { joinPointer, pointerTokens } from '../source/source-file.js';
import { ajvOptions } from './ajv-options.js';
import { topologySchemaText } from './text.js';

export { topologySchemaText };

/** dist/schema/topology-validator.cjs, written by scripts/build-assets.js: ajv's standalone code for the schema. */
interface StandaloneValidator {
  default: ValidateFunction;
  /** The schema text the code was generated from. */
  schemaText: string;
}

const require = createRequire(import.meta.url);

/**
 * The validator generated at build time, so that no run pays for loading ajv and compiling the
 * schema (about 100 ms cold), unless the schema changed since the build (or, under the tests,
 * there is no build beside this module): then ajv compiles it here, as the generated code would.
 */
function loadValidator(): ValidateFunction {
  try {
    const standalone = require('./topology-validator.cjs') as StandaloneValidator;
    if (standalone.schemaText === topologySchemaText) return standalone.default;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
  }
  const { default: Ajv } = require('ajv') as typeof import('ajv');
  return new Ajv(ajvOptions).compile(JSON.parse(topologySchemaText));
}

let validator: ValidateFunction | undefined;
function getValidator(): ValidateFunction {
  return (validator ??= loadValidator());
}

/** Checks data against the schema; returns diagnostics, empty when the data conforms. */
export function validateSchema(data: unknown, source: SourceFile): Diagnostic[] {
  const validate = getValidator();
  if (validate(data)) return [];
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if' && e.keyword !== 'propertyNames');
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const d = phrase(error, data, source);
    // Same place and same words only: two missing keys of one mapping share a span but are two findings.
    const key = `${d.code}:${d.span?.offset}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

function where(pointer: string): string {
  if (pointer === '') return 'the topology';
  return '`' + pointerTokens(pointer).join('.') + '`';
}

function definitionOf(error: ErrorObject): string | undefined {
  return /#\/definitions\/([A-Za-z0-9]+)\//.exec(error.schemaPath + '/')?.[1];
}

function describeType(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text \`${truncate(value)}\``;
  if (typeof value === 'number') return Number.isInteger(value) ? `the number ${value}` : `the fraction ${value}`;
  return `a ${typeof value}`;
}

function truncate(text: string): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 40 ? clean.slice(0, 37) + '...' : clean;
}

function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const key of pointerTokens(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

const typeWords: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  object: 'a mapping',
  array: 'a list',
  boolean: 'true or false',
};

const patternHelp: Record<string, { code: string; what: string; help: string }> = {
  name: { code: 'LVS106', what: 'a valid name', help: 'use 1 to 63 letters, digits, `_`, `.` or `-`, starting with a letter or digit, without `..`' },
  interfaceName: { code: 'LVS106', what: 'a valid Linux interface name', help: 'use 1 to 15 letters, digits, `_`, `.` or `-`, not starting with `-`' },
  iosInterfaceName: { code: 'LVS106', what: 'a valid IOS interface name', help: 'write it as IOS does, for example `GigabitEthernet0/1`' },
  address: { code: 'LVS107', what: 'an IP address', help: 'write a single address such as `10.10.24.1` or `2001:db8::1`, without prefix length' },
  address4: { code: 'LVS107', what: 'an IPv4 address', help: 'write a single IPv4 address such as `10.10.24.1`' },
  address6: { code: 'LVS107', what: 'an IPv6 address', help: 'write a single IPv6 address such as `2001:db8::1`' },
  cidr: { code: 'LVS107', what: 'an address with prefix length', help: 'write the address with its prefix length, such as `10.10.24.21/24`' },
  vip: { code: 'LVS107', what: 'a virtual IP address', help: 'write a single address such as `10.10.24.88`' },
  cidr4: { code: 'LVS107', what: 'an IPv4 address with prefix length', help: 'write it like `10.10.24.1/24`' },
};

function diag(code: string, message: string, source: SourceFile, pointer: string, which: 'value' | 'key', help?: string): Diagnostic {
  const d: Diagnostic = { code, severity: codeInfo(code).severity, message, span: source.spanAt(pointer, which), related: [] };
  if (help) d.help = help;
  return d;
}

/** The keys a schema object allows and an enum's values as text, one array per schema (closest() keeps each sorted). */
const allowedKeyLists = new WeakMap<object, string[]>();
const allowedValueLists = new WeakMap<unknown[], string[]>();

function allowedKeys(schema: { properties?: object } | undefined): string[] {
  if (!schema) return [];
  let keys = allowedKeyLists.get(schema);
  if (!keys) allowedKeyLists.set(schema, (keys = Object.keys(schema.properties ?? {})));
  return keys;
}

function allowedValues(values: unknown[]): string[] {
  let texts = allowedValueLists.get(values);
  if (!texts) allowedValueLists.set(values, (texts = values.map(String)));
  return texts;
}

function phrase(error: ErrorObject, data: unknown, source: SourceFile): Diagnostic {
  const pointer = error.instancePath;
  const value = valueAt(data, pointer);
  const params = error.params as Record<string, unknown>;
  const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;
  if (propertyName !== undefined) {
    const info = patternHelp[definitionOf(error) ?? 'name'] ?? patternHelp.name!;
    return diag(info.code, `\`${truncate(propertyName)}\` is not ${info.what}`, source, joinPointer(pointer, propertyName), 'key', info.help);
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = allowedKeys(error.parentSchema as { properties?: object } | undefined);
      const guess = closest(key, allowed);
      const help = guess ? `did you mean \`${guess}\`?` : `allowed keys here: ${allowed.join(', ')}`;
      return diag('LVS102', `unknown key \`${truncate(key)}\` in ${where(pointer)}`, source, joinPointer(pointer, key), 'key', help);
    }
    case 'required': {
      const missing = String(params.missingProperty);
      return diag('LVS103', `${where(pointer)} is missing \`${missing}\``, source, pointer, 'key', `add \`${missing}:\``);
    }
    case 'type': {
      const expected = String(params.type)
        .split(',')
        .map((t) => typeWords[t] ?? t)
        .join(' or ');
      return diag('LVS101', `${where(pointer)} must be ${expected}, not ${describeType(value)}`, source, pointer, 'value');
    }
    case 'enum': {
      const allowed = allowedValues(params.allowedValues as unknown[]);
      const guess = typeof value === 'string' ? closest(value, allowed) : undefined;
      const help = (guess ? `did you mean \`${guess}\`? ` : '') + `allowed: ${allowed.join(', ')}`;
      return diag('LVS104', `${describeType(value)} is not allowed for ${where(pointer)}`, source, pointer, 'value', help);
    }
    case 'const':
      if (pointer === '/version' && typeof value !== 'number')
        return diag('LVS101', `\`version\` must be the number 1, not ${describeType(value)}`, source, pointer, 'value', 'write `version: 1` (without quotes)');
      if (pointer === '/version')
        return diag(
          'LVS108',
          typeof value === 'number' || typeof value === 'string'
            ? `topology format version ${truncate(String(value))} is not supported`
            : `\`version\` must be 1, not ${describeType(value)}`,
          source,
          pointer,
          'value',
          'this lvscc reads `version: 1`',
        );
      return diag('LVS104', `${where(pointer)} must be ${JSON.stringify(params.allowedValue)}`, source, pointer, 'value');
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const schema = error.parentSchema as { minimum?: number; maximum?: number };
      return diag(
        'LVS105',
        `${where(pointer)} is ${describeType(value)}, outside the allowed range`,
        source,
        pointer,
        'value',
        `use a value from ${schema.minimum ?? '-inf'} to ${schema.maximum ?? 'inf'}`,
      );
    }
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties': {
      const limit = Number(params.limit);
      const what = limit === 1 ? 'entry' : 'entries';
      const bound = error.keyword.startsWith('min') ? `at least ${limit}` : `at most ${limit}`;
      return diag('LVS105', `${where(pointer)} must have ${bound} ${what}`, source, pointer, 'value');
    }
    case 'pattern':
    case 'maxLength':
    case 'minLength': {
      const info = patternHelp[definitionOf(error) ?? ''];
      if (info) return diag(info.code, `${describeType(value)} is not ${info.what}`, source, pointer, 'value', info.help);
      // Never echo a secret into logs, CI output or SARIF uploads.
      const shown = /password/i.test(pointer) ? 'this password' : describeType(value);
      const pattern = (error.parentSchema as { pattern?: string } | undefined)?.pattern;
      const help = pointer.endsWith('/authPassword')
        ? 'use 1 to 8 letters, digits or `_ . + = : , % ^ * ~ -` (no spaces or quotes)'
        : pointer.endsWith('/path')
          ? 'write an absolute URL path such as `/healthz`, with letters, digits and `. _ ~ / ? = & % + -` only'
          : `the value must match ${pattern ? `\`${pattern}\`` : 'the format described in `lvscc schema`'}`;
      return diag('LVS109', `${shown} is not allowed for ${where(pointer)}`, source, pointer, 'value', help);
    }
    default:
      return diag('LVS109', `${where(pointer)}: ${error.message ?? 'invalid value'}`, source, pointer, 'value');
  }
}
