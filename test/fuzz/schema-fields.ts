// Every field of the format, read from the generated JSON Schema (schema/topology.schema.json, built from the one
// TypeBox declaration src/schema/topology.ts), with values derived from each field's own schema: a new field is fuzzed
// as soon as it is declared, and the coverage check in the fuzz run fails if the walk cannot reach it.
import { readFileSync } from 'node:fs';

type Schema = Record<string, unknown>;

/** A field: its path (`services.*.healthCheck.port`, `*` a map key, `[]` a list item) and the schemas that apply to it. */
export interface Field {
  path: string[];
  schemas: Schema[];
}

const schemaUrl = new URL('../../schema/topology.schema.json', import.meta.url);

export function loadSchema(): Schema {
  return JSON.parse(readFileSync(schemaUrl, 'utf8')) as Schema;
}

/** The schemas a schema stands for: `$ref` followed, `if`/`then`/`else` and `allOf` branches all taken, merged in order. */
function expand(root: Schema, schema: Schema, seen = new Set<string>()): Schema[] {
  const out: Schema[] = [schema];
  const ref = schema.$ref;
  if (typeof ref === 'string' && !seen.has(ref)) {
    const target = (root.definitions as Record<string, Schema>)[ref.replace('#/definitions/', '')]!;
    out.push(...expand(root, target, new Set([...seen, ref])));
  }
  for (const key of ['then', 'else']) if (schema[key] && typeof schema[key] === 'object') out.push(...expand(root, schema[key] as Schema, seen));
  for (const s of (schema.allOf as Schema[] | undefined) ?? []) out.push(...expand(root, s, seen));
  return out;
}

/** Every field reachable from the root, depth first, in declaration order. */
export function fieldsOf(root: Schema): Field[] {
  const fields: Field[] = [];
  const visit = (schemas: Schema[], path: string[], depth: number): void => {
    if (depth > 8) return;
    const children = new Map<string, Schema[]>();
    for (const s of schemas) {
      for (const [name, child] of Object.entries((s.properties as Record<string, Schema> | undefined) ?? {}))
        children.set(name, [...(children.get(name) ?? []), ...expand(root, child)]);
      if (s.additionalProperties && typeof s.additionalProperties === 'object')
        children.set('*', [...(children.get('*') ?? []), ...expand(root, s.additionalProperties as Schema)]);
      if (s.items && typeof s.items === 'object') children.set('[]', [...(children.get('[]') ?? []), ...expand(root, s.items as Schema)]);
    }
    for (const [name, childSchemas] of children) {
      const childPath = [...path, name];
      if (name !== '*' && name !== '[]') fields.push({ path: childPath, schemas: childSchemas });
      visit(childSchemas, childPath, depth + 1);
    }
  };
  visit(expand(root, root), [], 0);
  return fields;
}

/** Values the field's schemas declare valid: consts, enums, examples, integer bounds and their middle, booleans. */
export function validValues(field: Field): unknown[] {
  const values: unknown[] = [];
  for (const s of field.schemas) {
    if ('const' in s) values.push(s.const);
    if (Array.isArray(s.enum)) values.push(...(s.enum as unknown[]));
    if (Array.isArray(s.examples)) values.push(...(s.examples as unknown[]));
    if (s.type === 'integer' && typeof s.minimum === 'number' && typeof s.maximum === 'number') {
      values.push(s.minimum, s.maximum, Math.floor((s.minimum + s.maximum) / 2));
    }
    if (s.type === 'boolean') values.push(true, false);
  }
  return values;
}

/** Values no field accepts, or that test bounds and escaping: wrong types, out of range, huge, unicode, control characters. */
export function invalidValues(field: Field): unknown[] {
  const values: unknown[] = [
    null,
    true,
    [],
    {},
    -1,
    0,
    1.5,
    2 ** 53,
    '',
    ' ',
    'x'.repeat(70_000),
    '\u202erev',
    'a\u0085b',
    'a\u2028b',
    'é名',
    '$(id)',
    'a\'b"c',
    'a\nb',
  ];
  for (const s of field.schemas) {
    if (typeof s.minimum === 'number') values.push(s.minimum - 1);
    if (typeof s.maximum === 'number') values.push(s.maximum + 1);
    if (typeof s.maxLength === 'number') values.push('a'.repeat(s.maxLength + 1));
  }
  return values;
}
