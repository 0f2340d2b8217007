// The validator generated at build time (ajv standalone code, dist/schema/topology-validator.cjs) finds
// exactly the errors that ajv, compiling the schema at run time, finds: same objects, same order.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
import { describe, expect, it } from 'vitest';
import { ajvOptions } from '../../src/schema/ajv-options.js';
import { topologySchemaText } from '../../src/schema/text.js';
import { loadTopology } from '../../src/source/load.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const generated = `${root}dist/schema/topology-validator.cjs`;
const built = existsSync(generated);

/** Deterministic pseudo-random numbers, so that a failure can be replayed. */
function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % n;
  };
}

const values: unknown[] = [
  null,
  true,
  0,
  -1,
  1,
  1.5,
  70000,
  2 ** 33,
  '',
  'x',
  'eth0',
  '10.0.0.1',
  '10.0.0.1/24',
  '::1',
  'a..b',
  'x'.repeat(80),
  [],
  ['rs1'],
  {},
  { a: 1 },
  { server: 'rs1', weight: 300 },
  'tcp',
  'wlc',
];

function pointersOf(value: unknown, pointer = '', out: string[][] = []): string[][] {
  if (pointer) out.push(pointer.split('/').slice(1));
  if (value && typeof value === 'object') for (const key of Object.keys(value)) pointersOf((value as Record<string, unknown>)[key], `${pointer}/${key}`, out);
  return out;
}

/** A copy of `data` with a few values replaced, removed or added at random places. */
function mutate(data: unknown, next: (n: number) => number): unknown {
  const copy = structuredClone(data) as Record<string, unknown>;
  for (let n = 1 + next(3); n > 0; n--) {
    const pointers = pointersOf(copy);
    const path = pointers[next(pointers.length)]!;
    let parent = copy;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
    const last = path.at(-1)!;
    const action = next(3);
    if (action === 0) delete parent[last];
    else if (action === 1 && !Array.isArray(parent)) parent[`unknown${next(3)}`] = structuredClone(values[next(values.length)]);
    else parent[last] = structuredClone(values[next(values.length)]);
  }
  return copy;
}

describe('standalone schema validator', () => {
  it.skipIf(!built && process.env.CI !== 'true')('matches ajv on the fixtures and 2,000 mutations of them', () => {
    const standalone = createRequire(import.meta.url)(generated) as { default: ((data: unknown) => boolean) & { errors?: unknown }; schemaText: string };
    expect(standalone.schemaText, 'dist/ is older than schema/topology.schema.json: run npm run build').toBe(topologySchemaText);
    const runtime = new AjvModule.default(ajvOptions).compile(JSON.parse(topologySchemaText));
    const fixtures = readdirSync(`${root}fixtures`).filter((f) => f.endsWith('.yaml'));
    const documents = fixtures.map((f) => loadTopology(readFileSync(`${root}fixtures/${f}`, 'utf8'), f).data).filter((d) => d !== undefined);
    expect(documents.length).toBeGreaterThan(2);
    const next = random(7);
    const cases = [...documents, ...Array.from({ length: 2000 }, () => mutate(documents[next(documents.length)], next))];
    let invalid = 0;
    for (const data of cases) {
      const valid = runtime(data);
      expect(standalone.default(data)).toBe(valid);
      expect(standalone.default.errors).toEqual(runtime.errors);
      if (!valid) invalid++;
    }
    expect(invalid).toBeGreaterThan(1000);
  });
});
