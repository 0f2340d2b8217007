// Writes a JSON Schema object as the bytes of schema/topology.schema.json: one fixed keyword order,
// 2-space indentation and a trailing newline, so the same declaration always gives the same file.

/**
 * The order of keywords within each schema object. A boolean `additionalProperties` (a closed
 * object) sits with the assertions, a schema-valued one (a map's values) with the subschemas.
 */
const keywordOrder = [
  '$schema',
  '$id',
  'title',
  '$ref',
  'type',
  'const',
  'enum',
  'pattern',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'additionalProperties:boolean',
  'required',
  'description',
  'if',
  'then',
  'else',
  'propertyNames',
  'additionalProperties:schema',
  'items',
  'examples',
  'properties',
  'definitions',
];

/** Keywords whose value is a schema. */
const schemaKeywords = new Set(['if', 'then', 'else', 'propertyNames', 'additionalProperties', 'items']);
/** Keywords whose value maps names to schemas: the names keep their declared order. */
const schemaMapKeywords = new Set(['properties', 'definitions']);

function rank(keyword: string, value: unknown): number {
  const slot = keyword === 'additionalProperties' ? `${keyword}:${typeof value === 'boolean' ? 'boolean' : 'schema'}` : keyword;
  const index = keywordOrder.indexOf(slot);
  if (index < 0) throw new Error(`serializeSchema: keyword \`${keyword}\` has no place in the keyword order; add it there`);
  return index;
}

function ordered(schema: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keywords = Object.keys(schema).sort((a, b) => rank(a, schema[a]) - rank(b, schema[b]));
  for (const keyword of keywords) {
    const value = schema[keyword];
    if (schemaKeywords.has(keyword) && typeof value === 'object' && value !== null) out[keyword] = ordered(value as Record<string, unknown>);
    else if (schemaMapKeywords.has(keyword))
      out[keyword] = Object.fromEntries(Object.entries(value as Record<string, Record<string, unknown>>).map(([name, s]) => [name, ordered(s)]));
    // Values (const, enum, examples, required) are data, kept exactly as declared.
    else out[keyword] = value;
  }
  return out;
}

/** The schema as published: keywords in one fixed order, 2-space JSON, a trailing newline. */
export function serializeSchema(schema: Record<string, unknown>): string {
  return JSON.stringify(ordered(schema), null, 2) + '\n';
}
