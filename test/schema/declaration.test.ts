// The published schema is the one the declaration (src/schema/topology.ts) generates, byte for byte,
// so nobody edits schema/topology.schema.json by hand; it compiles under ajv strict and accepts every fixture.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
import { describe, expect, it } from 'vitest';
import { ajvOptions } from '../../src/schema/ajv-options.js';
import { serializeSchema } from '../../src/schema/serialize.js';
import { topologySchema } from '../../src/schema/topology.js';
import { topologySchemaText } from '../../src/schema/text.js';
import { loadTopology } from '../../src/source/load.js';

const Ajv = AjvModule.default;
const root = fileURLToPath(new URL('../../', import.meta.url));

describe('the topology format declaration', () => {
  it('generates exactly the committed schema/topology.schema.json (run `npm run schema`, then review the diff)', () => {
    expect(topologySchemaText).toBe(serializeSchema(topologySchema));
  });

  it('serializes deterministically, with 2-space indentation and a trailing newline', () => {
    const text = serializeSchema(topologySchema);
    expect(serializeSchema(JSON.parse(text) as Record<string, unknown>)).toBe(text);
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n');
  });

  it('refuses a keyword that has no place in the keyword order', () => {
    expect(() => serializeSchema({ type: 'string', format: 'ipv4' })).toThrow('keyword `format` has no place');
  });

  const validate = new Ajv(ajvOptions).compile(JSON.parse(topologySchemaText));
  const fixtures = readdirSync(`${root}fixtures`)
    .filter((f) => f.endsWith('.yaml'))
    .sort();

  it.each(fixtures)('compiles under ajv strict and accepts fixtures/%s', (fixture) => {
    const { data } = loadTopology(readFileSync(`${root}fixtures/${fixture}`, 'utf8'), fixture);
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
  });
});
