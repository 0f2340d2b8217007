// Keeps the hand-written TypeScript input types (src/model/input.ts) and the published JSON Schema
// (schema/topology.schema.json) in step. ts-morph loads input.ts with the type checker and this test
// walks TopologyInput and the schema side by side: the same property names at every object level,
// the same required and optional keys, `Record<string, X>` where the schema has an
// additionalProperties map, arrays where it has arrays, TS unions where it has if/then/else
// (string | object, string | string[]), and literal unions equal to the schema's enums. Every
// mismatch is reported with its JSON-pointer-like path (`*` for map entries, `[]` for array items).
import { readFileSync } from 'node:fs';
import { Project, type Node, type Type } from 'ts-morph';
import { describe, expect, it } from 'vitest';

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  if?: Schema;
  then?: Schema;
  else?: Schema;
  definitions?: Record<string, Schema>;
};

const inputText = readFileSync(new URL('../src/model/input.ts', import.meta.url), 'utf8');
const rootSchema = JSON.parse(readFileSync(new URL('../schema/topology.schema.json', import.meta.url), 'utf8')) as Schema;

/** What a type or a schema is, at the level of detail both can express. */
type Shape =
  | { kind: 'string'; literals?: string[] }
  | { kind: 'number'; literal?: number }
  | { kind: 'boolean' }
  | { kind: 'array'; items: Side }
  | { kind: 'map'; values: Side }
  | { kind: 'object'; properties: Map<string, { required: boolean; value: Side }> }
  | { kind: 'union'; members: Side[] }
  | { kind: 'unknown'; what: string };

/** A lazily expanded node of either tree. */
type Side = () => Shape;

// ---- the JSON Schema side

function resolve(schema: Schema): Schema {
  let s = schema;
  for (let guard = 0; s.$ref && guard < 20; guard++) {
    const name = /^#\/definitions\/(.+)$/.exec(s.$ref)?.[1];
    if (!name || !rootSchema.definitions?.[name]) throw new Error(`unresolvable $ref ${s.$ref}`);
    s = rootSchema.definitions[name]!;
  }
  return s;
}

function schemaShape(input: Schema): Shape {
  const s = resolve(input);
  if (s.if && s.then && s.else) return { kind: 'union', members: [() => schemaShape(s.then!), () => schemaShape(s.else!)] };
  if (s.const !== undefined) return typeof s.const === 'number' ? { kind: 'number', literal: s.const } : { kind: 'unknown', what: `const ${String(s.const)}` };
  switch (s.type) {
    case 'string':
      return s.enum ? { kind: 'string', literals: s.enum.map(String) } : { kind: 'string' };
    case 'integer':
    case 'number':
      return { kind: 'number' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'array':
      return { kind: 'array', items: () => schemaShape(s.items ?? {}) };
    case 'object':
      if (typeof s.additionalProperties === 'object') return { kind: 'map', values: () => schemaShape(s.additionalProperties as Schema) };
      return {
        kind: 'object',
        properties: new Map(
          Object.entries(s.properties ?? {}).map(([name, value]) => [name, { required: (s.required ?? []).includes(name), value: () => schemaShape(value) }]),
        ),
      };
    default:
      return { kind: 'unknown', what: `schema ${JSON.stringify(s).slice(0, 60)}` };
  }
}

// ---- the TypeScript side

function typeShape(type: Type, at: Node): Shape {
  const members = type.isUnion() ? type.getUnionTypes().filter((t) => !t.isUndefined()) : [type];
  if (members.length > 1) {
    if (members.every((t) => t.isBooleanLiteral())) return { kind: 'boolean' };
    if (members.every((t) => t.isStringLiteral())) return { kind: 'string', literals: members.map((t) => String(t.getLiteralValue())) };
    // `string | { ... }`: TypeScript splits `boolean` inside a union into true | false; put it back together.
    const rest = members.filter((t) => !t.isBooleanLiteral());
    const parts: Side[] = rest.map((t) => () => typeShape(t, at));
    if (rest.length < members.length) parts.push(() => ({ kind: 'boolean' }));
    return { kind: 'union', members: parts };
  }
  const t = members[0]!;
  if (t.isString()) return { kind: 'string' };
  if (t.isStringLiteral()) return { kind: 'string', literals: [String(t.getLiteralValue())] };
  if (t.isNumber()) return { kind: 'number' };
  if (t.isNumberLiteral()) return { kind: 'number', literal: Number(t.getLiteralValue()) };
  if (t.isBoolean()) return { kind: 'boolean' };
  if (t.isArray()) return { kind: 'array', items: () => typeShape(t.getArrayElementTypeOrThrow(), at) };
  const index = t.getStringIndexType();
  if (index && t.getProperties().length === 0) return { kind: 'map', values: () => typeShape(index, at) };
  if (t.isObject()) {
    return {
      kind: 'object',
      properties: new Map(
        t.getProperties().map((p) => [p.getName(), { required: !p.isOptional(), value: () => typeShape(p.getTypeAtLocation(at), at) }]),
      ),
    };
  }
  return { kind: 'unknown', what: `type ${t.getText()}` };
}

// ---- the comparison

function describeShape(shape: Shape): string {
  switch (shape.kind) {
    case 'string':
      return shape.literals ? `string enum [${shape.literals.join(', ')}]` : 'string';
    case 'number':
      return shape.literal === undefined ? 'number' : `number ${shape.literal}`;
    case 'unknown':
      return shape.what;
    default:
      return shape.kind;
  }
}

/** Compares a TypeScript type (left) with the schema (right); returns the mismatches found under `path`. */
function compare(ts: Shape, schema: Shape, path: string): string[] {
  const here = path || '/';
  if (ts.kind === 'union' || schema.kind === 'union') {
    const left = ts.kind === 'union' ? ts.members.map((m) => m()) : [ts];
    const right = schema.kind === 'union' ? schema.members.map((m) => m()) : [schema];
    const kinds = (shapes: Shape[]) => shapes.map((s) => s.kind).sort().join(' | ');
    if (kinds(left) !== kinds(right)) return [`${here}: TypeScript has ${kinds(left)}, the schema has ${kinds(right)}`];
    return left.flatMap((l) => compare(l, right.find((r) => r.kind === l.kind)!, path));
  }
  if (ts.kind !== schema.kind) return [`${here}: TypeScript has ${describeShape(ts)}, the schema has ${describeShape(schema)}`];
  switch (ts.kind) {
    case 'string': {
      const s = schema as Extract<Shape, { kind: 'string' }>;
      // A plain `string` may stand for a schema enum (scheduler); a literal union must list the same values.
      if (ts.literals && JSON.stringify([...ts.literals].sort()) !== JSON.stringify([...(s.literals ?? [])].sort()))
        return [`${here}: TypeScript has ${describeShape(ts)}, the schema has ${describeShape(s)}`];
      return [];
    }
    case 'number': {
      const s = schema as Extract<Shape, { kind: 'number' }>;
      return ts.literal !== s.literal ? [`${here}: TypeScript has ${describeShape(ts)}, the schema has ${describeShape(s)}`] : [];
    }
    case 'boolean':
      return [];
    case 'array':
      return compare(ts.items(), (schema as Extract<Shape, { kind: 'array' }>).items(), `${path}/[]`);
    case 'map':
      return compare(ts.values(), (schema as Extract<Shape, { kind: 'map' }>).values(), `${path}/*`);
    case 'object': {
      const s = schema as Extract<Shape, { kind: 'object' }>;
      const out: string[] = [];
      for (const name of new Set([...ts.properties.keys(), ...s.properties.keys()])) {
        const l = ts.properties.get(name);
        const r = s.properties.get(name);
        if (!l) out.push(`${path}/${name}: in the schema but not in TypeScript`);
        else if (!r) out.push(`${path}/${name}: in TypeScript but not in the schema`);
        else {
          if (l.required !== r.required)
            out.push(`${path}/${name}: ${l.required ? 'required' : 'optional'} in TypeScript, ${r.required ? 'required' : 'optional'} in the schema`);
          out.push(...compare(l.value(), r.value(), `${path}/${name}`));
        }
      }
      return out;
    }
    case 'unknown':
      return [`${here}: cannot compare ${ts.what}`];
  }
}

/** Loads input.ts (or a variant of it) into an in-memory project and compares TopologyInput with the schema. */
function mismatches(source: string): string[] {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true } });
  const file = project.createSourceFile('input.ts', source);
  const topology = file.getInterfaceOrThrow('TopologyInput');
  return compare(typeShape(topology.getType(), file), schemaShape(rootSchema), '');
}

describe('TopologyInput and the JSON Schema', () => {
  it('agree on every property, requiredness, union, map, array and enum', () => {
    expect(mismatches(inputText)).toEqual([]);
  });

  it('reports renamed properties, requiredness, enums, unions, arrays and literals with their paths', () => {
    const variant = inputText
      .replace('mtu?: number', 'mtuBytes?: number')
      .replace("forwarding: 'tun' | 'dr' | 'nat';", "forwarding?: 'tun' | 'dr';")
      .replace('realServers: MemberInput[];', 'realServers: MemberInput;')
      .replace("type?: 'ipip' | 'gue' | 'gre';", "type?: 'ipip' | 'gue';")
      .replace('address: string | string[];', 'address: string;')
      .replace('version: 1;', 'version: 2;');
    expect(variant).not.toBe(inputText);
    expect(mismatches(variant).sort()).toEqual(
      [
        '/directors/*/interfaces/*/mtuBytes: in TypeScript but not in the schema',
        '/directors/*/interfaces/*/mtu: in the schema but not in TypeScript',
        '/realServers/*/interfaces/*/mtuBytes: in TypeScript but not in the schema',
        '/realServers/*/interfaces/*/mtu: in the schema but not in TypeScript',
        '/services/*/forwarding: optional in TypeScript, required in the schema',
        "/services/*/forwarding: TypeScript has string enum [tun, dr], the schema has string enum [tun, dr, nat]",
        '/services/*/realServers: TypeScript has object | string, the schema has array',
        '/services/*/tunnel/type: TypeScript has string enum [ipip, gue], the schema has string enum [ipip, gue, gre]',
        '/directors/*/interfaces/*/address: TypeScript has string, the schema has array | string',
        '/realServers/*/interfaces/*/address: TypeScript has string, the schema has array | string',
        '/version: TypeScript has number 2, the schema has number 1',
      ].sort(),
    );
  });
});
