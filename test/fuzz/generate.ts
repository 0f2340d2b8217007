// The fuzz corpus: document `index` of run `seed`, the same bytes on every machine. Four kinds: generated valid-looking
// topologies (test/property/arbitrary-topology.ts), the same with schema-derived values set on random fields, YAML-node
// mutations of every fixture (delete, duplicate, swap, change scalars and types, unicode, huge values), and byte mutations.
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { isCollection, isMap, isPair, isScalar, isSeq, parseDocument, stringify, visit, type Node } from 'yaml';
import { generatedTopology, type GeneratedTopology } from '../property/arbitrary-topology.js';
import { fieldsOf, invalidValues, loadSchema, validValues, type Field } from './schema-fields.js';

export type DocumentKind = 'generated' | 'schema-fill' | 'fixture-nodes' | 'fixture-bytes';

export interface FuzzDocument {
  index: number;
  kind: DocumentKind;
  text: string;
  /** The field paths set by a schema fill (for the coverage check). */
  fields: string[];
}

/** A small, fast PRNG (mulberry32) seeded from the run seed and the document index. */
export function rng(seed: number, index: number): () => number {
  let a = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fixturesDir = new URL('../../fixtures/', import.meta.url);
/** The topologies of fixtures/ and of fixtures/parity/ (which set the keepalived parity fields: quorum, urls, carried lines). */
export const fixtures: { name: string; text: string }[] = ['', 'parity/'].flatMap((dir) =>
  readdirSync(new URL(dir, fixturesDir))
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .map((name) => ({ name: `${dir}${name}`, text: readFileSync(new URL(`${dir}${name}`, fixturesDir), 'utf8') })),
);

export const fields: Field[] = fieldsOf(loadSchema());
const topologies = generatedTopology();

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

/** Scalars that stress types, bounds and escaping. */
const oddScalars: unknown[] = [
  null,
  true,
  0,
  -1,
  65536,
  1e308,
  2 ** 63,
  0.5,
  '',
  '~',
  'NaN',
  '.inf',
  '0x10',
  '010',
  '1_000',
  'yes',
  '\u202eevil',
  '\u00e9\u540d',
  '\u{1f600}',
  'a\u0085b',
  'a\u2028b',
  'a\u200bb',
  '$(touch /tmp/x)`id`;|&\'"',
  '}\n} vrrp_instance x {',
  '# comment',
  '../../etc/passwd',
  'x'.repeat(100_000),
  '9'.repeat(400),
  '10.10.24.88',
  '::',
  '255.255.255.255/32',
];

export function generateDocument(seed: number, index: number): FuzzDocument {
  const random = rng(seed, index);
  const roll = random();
  if (roll < 0.3) return { index, kind: 'generated', text: generated(seed, index), fields: [] };
  if (roll < 0.6) return schemaFill(seed, index, random);
  const fixture = pick(random, fixtures).text;
  const base = random() < 0.6 ? fixture : generated(seed, index);
  if (roll < 0.85) return { index, kind: 'fixture-nodes', text: nodeMutations(base, random), fields: [] };
  return { index, kind: 'fixture-bytes', text: byteMutations(base, random), fields: [] };
}

/** Documents are generated in batches (fast-check samples 50 at once nearly three times faster than one by one). */
export const BATCH = 50;
let batch: { seed: number; number: number; topologies: GeneratedTopology[] } | undefined;

function generatedTopologyAt(seed: number, index: number): GeneratedTopology {
  const number = Math.floor(index / BATCH);
  if (batch?.seed !== seed || batch.number !== number) {
    batch = { seed, number, topologies: fc.sample(topologies, { seed: (seed * 31 + number) | 0, numRuns: BATCH }) };
  }
  return batch.topologies[index % BATCH]!;
}

const generated = (seed: number, index: number): string => generatedTopologyAt(seed, index).yaml;

/** A generated topology with 1 to 3 fields set to values from their schemas (one in ten invalid). */
function schemaFill(seed: number, index: number, random: () => number): FuzzDocument {
  const data = structuredClone(generatedTopologyAt(seed, index).document) as unknown as Record<string, unknown>;
  const set: string[] = [];
  const count = 1 + Math.floor(random() * 3);
  for (let k = 0; k < count; k++) {
    // The first field in turn, so that a run of a few hundred fills reaches every field; the others at random.
    const field = k === 0 ? fields[Math.floor(index / 3) % fields.length]! : pick(random, fields);
    const valid = validValues(field);
    const value = random() < 0.9 && valid.length ? pick(random, valid) : pick(random, invalidValues(field));
    if (setPath(data, field.path, structuredClone(value), random)) set.push(field.path.join('.'));
  }
  return { index, kind: 'schema-fill', text: stringifyPlain(data), fields: set };
}

/** Sets `path` in `data`, choosing an existing key for `*` and an existing item for `[]` (or adding one). */
export function setPath(data: Record<string, unknown>, path: string[], value: unknown, random: () => number): boolean {
  let node: unknown = data;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    if (segment === '[]') {
      if (!Array.isArray(node)) return false;
      const at = node.length && random() < 0.9 ? Math.floor(random() * node.length) : node.length;
      if (last) node[at] = value;
      else {
        // A list item in its short form (a member's name) becomes the object form, keeping the name.
        if (typeof node[at] === 'string') node[at] = { server: node[at] };
        if (typeof node[at] !== 'object' || node[at] === null || Array.isArray(node[at])) node[at] = {};
        node = node[at];
      }
      continue;
    }
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return false;
    const record = node as Record<string, unknown>;
    const key =
      segment === '*' ? (Object.keys(record).length && random() < 0.9 ? pick(random, Object.keys(record)) : `fz${Math.floor(random() * 9)}`) : segment;
    if (last) {
      record[key] = value;
      return true;
    }
    if (path[i + 1] === '[]') {
      if (!Array.isArray(record[key])) record[key] = [];
    } else if (typeof record[key] === 'string' && path[i + 1] === 'address') record[key] = { address: record[key] };
    else if (typeof record[key] !== 'object' || record[key] === null || Array.isArray(record[key])) record[key] = {};
    node = record[key];
  }
  return true;
}

function stringifyPlain(data: unknown): string {
  return stringify(data, { lineWidth: 0 });
}

/** 1 to 4 YAML-node mutations of a document: delete, duplicate, swap, change a scalar, change a type, add a tag or an alias. */
function nodeMutations(text: string, random: () => number): string {
  const doc = parseDocument(text, { uniqueKeys: false });
  const count = 1 + Math.floor(random() * 4);
  for (let k = 0; k < count; k++) {
    const nodes: { node: Node; parent: Node | null }[] = [];
    visit(doc, {
      Node: (_key, node, path) => {
        const parent = [...path].reverse().find((p) => isCollection(p as Node)) as Node | undefined;
        nodes.push({ node, parent: parent ?? null });
      },
    });
    if (!nodes.length) break;
    const { node, parent } = pick(random, nodes);
    const op = Math.floor(random() * 9);
    if (op === 0 && parent && isCollection(parent)) {
      // delete an item or pair
      const items = parent.items as unknown[];
      const at = items.findIndex((it) => it === node || (isPair(it) && (it.value === node || it.key === node)));
      if (at >= 0) items.splice(at, 1);
    } else if (op === 1 && parent && isCollection(parent)) {
      // duplicate an item (a duplicate key, in a mapping)
      const items = parent.items as unknown[];
      const at = items.findIndex((it) => it === node || (isPair(it) && (it.value === node || it.key === node)));
      if (at >= 0) items.splice(at, 0, (items[at] as { clone?: () => unknown }).clone?.() ?? items[at]);
    } else if (op === 2 && parent && isCollection(parent) && parent.items.length >= 2) {
      const items = parent.items as unknown[];
      const a = Math.floor(random() * items.length);
      const b = Math.floor(random() * items.length);
      if (isMap(parent) && random() < 0.5) {
        // swap two values, keep the keys
        const pa = items[a] as { value: unknown };
        const pb = items[b] as { value: unknown };
        [pa.value, pb.value] = [pb.value, pa.value];
      } else [items[a], items[b]] = [items[b], items[a]];
    } else if ((op === 3 || op === 4) && isScalar(node)) {
      node.value = pick(random, oddScalars);
    } else if (op === 5 && isScalar(node)) {
      node.value = typeof node.value === 'number' ? String(node.value) : Number.isFinite(Number(node.value)) ? Number(node.value) : [node.value];
    } else if (op === 6 && parent && isCollection(parent)) {
      // replace a value by a collection or a collection by a scalar
      const replacement = isCollection(node) ? doc.createNode(pick(random, oddScalars)) : doc.createNode(random() < 0.5 ? { a: 1 } : [1, 2]);
      const items = parent.items as unknown[];
      for (const it of items) if (isPair(it) && it.value === node) it.value = replacement;
      const at = items.indexOf(node);
      if (at >= 0) items[at] = replacement;
    } else if (op === 7) {
      node.tag = pick(random, ['!!omap', '!!set', '!!binary', '!foo', '!!str', '!!int', 'tag:example.org,1:x']);
    } else if (op === 8 && parent && isMap(parent)) {
      // many copies of a mapping's pairs: large mappings and duplicate keys
      const items = parent.items as unknown[];
      const copies = Math.floor(random() * 200);
      for (let c = 0; c < copies && items.length; c++) items.push((items[c % items.length] as { clone?: () => unknown }).clone?.() ?? items[0]);
    } else if (isSeq(node) && node.items.length) {
      node.items.push(node.items[0]);
    }
  }
  try {
    return doc.toString({ lineWidth: 0 });
  } catch {
    // A mutation yaml cannot write back (a tag that does not fit its node): the document gets byte mutations instead.
    return byteMutations(text, random);
  }
}

/** 1 to 4 byte-level mutations: delete, duplicate or move a range, insert odd bytes, truncate, flip indentation. */
function byteMutations(text: string, random: () => number): string {
  let out = text;
  const inserts = [
    '\t',
    '\r',
    '\u0000',
    '\u001b[2J',
    '\ufeff',
    '\u202e',
    '\u0085',
    '\u2028',
    ':',
    '- ',
    '{',
    '}',
    '[',
    '&a ',
    '*a',
    '!!omap ',
    '%YAML 1.1\n',
    '---\n',
    '"',
    "'",
    '#',
    '\\',
    '\u{1f600}',
    '\udc00',
  ];
  const count = 1 + Math.floor(random() * 4);
  for (let k = 0; k < count; k++) {
    const at = Math.floor(random() * (out.length + 1));
    const len = Math.floor(random() * 40);
    switch (Math.floor(random() * 6)) {
      case 0:
        out = out.slice(0, at) + out.slice(at + len);
        break;
      case 1:
        out = out.slice(0, at) + out.slice(at, at + len).repeat(1 + Math.floor(random() * 3)) + out.slice(at);
        break;
      case 2: {
        const lines = out.split('\n');
        const a = Math.floor(random() * lines.length);
        const b = Math.floor(random() * lines.length);
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
        out = lines.join('\n');
        break;
      }
      case 3:
        out = out.slice(0, at) + pick(random, inserts) + out.slice(at);
        break;
      case 4:
        out = out.slice(0, at);
        break;
      default: {
        const lines = out.split('\n');
        const a = Math.floor(random() * lines.length);
        lines[a] = random() < 0.5 ? ' ' + lines[a] : lines[a]!.replace(/^ /, '');
        out = lines.join('\n');
      }
    }
  }
  return out;
}
