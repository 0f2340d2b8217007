// Bad input of every kind becomes one clear, located diagnostic (LVS0xx, or LVS1xx from the schema), never an exception.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/compile.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { DEFAULT_MAX_BYTES, MAX_ALIASES, MAX_DEPTH, loadTopology } from '../../src/source/load.js';
import { maxValuesFor } from '../../src/source/limits.js';
// @ts-expect-error -- plain JavaScript bench helper without types
import { worstCaseShapes } from '../../bench/worst-case.js';

const seedTun = readFileSync(new URL('../../fixtures/seed-tun.yaml', import.meta.url), 'utf8');

/** Code, line and column of each diagnostic: the parts a person uses to find the problem. */
const where = (diagnostics: Diagnostic[]) => diagnostics.map((d) => [d.code, d.span?.line, d.span?.column]);
const codesOf = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);
const load = (input: string | Uint8Array, maxBytes?: number) => loadTopology(input, 'test.yaml', maxBytes === undefined ? {} : { maxBytes });

describe('input that is not a YAML topology', () => {
  it('reports YAML syntax errors (LVS005) at their place', () => {
    const result = load('version: 1\ncluster: [web\nservices: {}\n');
    expect(codesOf(result.diagnostics)).toContain('LVS005');
    expect(result.diagnostics[0]!.span!.line).toBeGreaterThanOrEqual(2);
    expect(result.data).toBeUndefined();
  });

  it('reports prose as a wrong type for the whole topology (LVS101)', () => {
    expect(where(lint('this is just a sentence').diagnostics)).toEqual([['LVS101', 1, 1]]);
  });

  it('reports a binary file (LVS002) at the NUL byte', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const result = load(png);
    expect(where(result.diagnostics)).toEqual([['LVS002', 3, 1]]);
    expect(result.diagnostics[0]!.message).toContain('offset 8');
  });

  it('reports NUL bytes inside otherwise good text (LVS002) at their line', () => {
    expect(where(load(new TextEncoder().encode('version: 1\ncluster: we\0b\n')).diagnostics)).toEqual([['LVS002', 2, 12]]);
    expect(where(load('version: 1\ncluster: we\0b\n').diagnostics)).toEqual([['LVS002', 2, 12]]);
  });

  it('reports other control characters (LVS002)', () => {
    expect(where(load('version: 1\n\u001b[31mcluster: web\n').diagnostics)).toEqual([['LVS002', 2, 1]]);
  });

  it('reports invalid UTF-8 (LVS003) at the first bad byte', () => {
    const latin1 = Buffer.from('version: 1\ncluster: caf\xe9\n', 'latin1');
    const result = load(latin1);
    expect(where(result.diagnostics)).toEqual([['LVS003', 2, 13]]);
    expect(result.diagnostics[0]!.message).toContain('0xE9 at offset 23');
    // a truncated multi-byte character at the very end
    expect(where(load(new Uint8Array([...new TextEncoder().encode('a: b\nc: '), 0xe2, 0x82])).diagnostics)).toEqual([['LVS003', 2, 4]]);
  });

  it('reports an empty file, or one with only comments, (LVS004)', () => {
    for (const text of ['', '\n\n', '   ', '# just a comment\n', '---\n', '...\n']) {
      expect(codesOf(load(text).diagnostics), JSON.stringify(text)).toEqual(['LVS004']);
    }
    expect(codesOf(load(new Uint8Array()).diagnostics)).toEqual(['LVS004']);
  });

  it('reports tabs used for indentation (LVS006) at their line', () => {
    expect(where(load('version: 1\ndirectors:\n\tlvs: {}\n').diagnostics)).toEqual([['LVS006', 3, 1]]);
  });

  it('reports more than one document (LVS010)', () => {
    expect(where(load('version: 1\n---\nversion: 1\n').diagnostics)).toEqual([['LVS010', 2, 1]]);
  });

  it('reports tags and non-plain keys (LVS011)', () => {
    expect(where(load('version: 1\ncluster: !shell web\n').diagnostics)).toEqual([['LVS011', 2, 10]]);
    expect(where(load('version: 1\ncluster: !!binary aGVsbG8=\n').diagnostics)).toEqual([['LVS011', 2, 19]]);
    expect(where(load('version: 1\n? [a, b]\n: c\n').diagnostics)).toEqual([['LVS011', 2, 3]]);
  });

  it('reports an alias to an anchor that does not exist, or comes later, (LVS005)', () => {
    expect(where(load('version: 1\ncluster: *name\n').diagnostics)).toEqual([['LVS005', 2, 10]]);
    expect(where(load('cluster: *name\nother: &name web\n').diagnostics)).toEqual([['LVS005', 1, 10]]);
    expect(load('cluster: *name\nother: &name web\n').diagnostics[0]!.message).toContain('`*name`');
  });
});

describe('duplicate keys (LVS007)', () => {
  it('reports every repeated key at its second place, pointing back at the first', () => {
    const result = load('version: 1\ncluster: a\ndirectors:\n  lvs: {}\n  lvs: {}\ncluster: b\n');
    expect(where(result.diagnostics)).toEqual([
      ['LVS007', 5, 3],
      ['LVS007', 6, 1],
    ]);
    expect(result.diagnostics[1]!.message).toBe('the key `cluster` appears twice in the same mapping');
    expect(result.diagnostics[1]!.related.map((r) => [r.span.line, r.message])).toEqual([[2, 'first defined here']]);
    expect(result.data).toBeUndefined();
  });

  it('treats 1 and "1" as the same key, as they are in the data', () => {
    expect(codesOf(load('1: a\n"1": b\n').diagnostics)).toEqual(['LVS007']);
  });

  it('checks a mapping of many thousand keys quickly (yaml`s own check is quadratic)', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `  rs${i}: x`).join('\n');
    expect(load(`realServers:\n${keys}\n  rs7: y\n`).diagnostics.map((d) => [d.code, d.span?.line])).toEqual([['LVS007', 20_002]]);
  });
});

describe('schema errors: wrong types and unknown keys', () => {
  it('reports a wrong type (LVS101) at the value', () => {
    const text = seedTun.replace('port: 80', 'port: eighty');
    const line = text.split('\n').findIndex((l) => l.includes('port: eighty')) + 1;
    expect(where(lint(text).diagnostics)).toEqual([['LVS101', line, 11]]);
  });

  it('reports a quoted version as a wrong type rather than an unsupported version', () => {
    const result = lint(seedTun.replace('version: 1', 'version: "1"'));
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([['LVS101', '`version` must be the number 1, not the text `1`']]);
    expect(codesOf(lint(seedTun.replace('version: 1', 'version: 2')).diagnostics)).toEqual(['LVS108']);
  });

  it('reports an unknown key (LVS102) at the key, with a suggestion', () => {
    const text = seedTun.replace('scheduler: rr', 'schedular: rr');
    const line = text.split('\n').findIndex((l) => l.includes('schedular')) + 1;
    const result = lint(text);
    expect(where(result.diagnostics)).toEqual([['LVS102', line, 5]]);
    expect(result.diagnostics[0]!.help).toBe('did you mean `scheduler`?');
  });

  it('reports every missing key of a mapping (LVS103), not only the first', () => {
    const result = lint('version: 1\ncluster: web\n');
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['LVS103', 'the topology is missing `directors`'],
      ['LVS103', 'the topology is missing `realServers`'],
      ['LVS103', 'the topology is missing `services`'],
    ]);
  });

  /** Lints seed-tun with one edit; returns [code, line, column] and the line of `marker` in the edited text. */
  const edited = (from: string, to: string, marker: string) => {
    const text = seedTun.replace(from, to);
    expect(text).not.toBe(seedTun);
    return { found: where(lint(text).diagnostics), line: text.split('\n').findIndex((l) => l.includes(marker)) + 1 };
  };

  it('reports a value outside its choices (LVS104)', () => {
    const { found, line } = edited('forwarding: tun ', 'forwarding: tunnel ', 'tunnel');
    expect(found).toEqual([['LVS104', line, 17]]);
  });

  it('reports a number out of range (LVS105)', () => {
    const { found, line } = edited('port: 80', 'port: 70000', '70000');
    expect(found).toEqual([['LVS105', line, 11]]);
  });

  it('reports an unsafe name (LVS106), as a key and as a value', () => {
    const key = edited('  rs3: {', '  "rs 3": {', 'rs 3');
    expect(key.found).toEqual([['LVS106', key.line, 3]]);
    const value = edited('cluster: web-tun', 'cluster: "-web"', '-web');
    expect(value.found).toEqual([['LVS106', value.line, 10]]);
  });

  it('reports an invalid address (LVS107) from the schema and from the address parser', () => {
    const text = edited('vip: 10.10.24.88', 'vip: hello', 'hello');
    expect(text.found).toEqual([['LVS107', text.line, 10]]);
    const octet = edited('vip: 10.10.24.88', 'vip: 10.10.24.888', '888');
    expect(octet.found).toEqual([['LVS107', octet.line, 10]]);
  });

  it('reports other schema constraints (LVS109)', () => {
    const { found, line } = edited('healthCheck: { type: none }', 'healthCheck: { type: http, path: no-slash }', 'no-slash');
    expect(found).toEqual([['LVS109', line, 38]]);
  });
});

describe('aliases (LVS008)', () => {
  const aliases = (n: number) => `a: &x 1\nb: [${Array.from({ length: n }, () => '*x').join(', ')}]\n`;

  it(`accepts ${MAX_ALIASES} aliases and rejects one more`, () => {
    expect(codesOf(load(aliases(MAX_ALIASES)).diagnostics)).toEqual([]);
    expect(where(load(aliases(MAX_ALIASES + 1)).diagnostics)).toEqual([['LVS008', 2, 5 + 4 * MAX_ALIASES]]);
  });

  it('stops a billion-laughs alias bomb', () => {
    let bomb = 'l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let i = 1; i <= 9; i++) bomb += `l${i}: &l${i} [${Array.from({ length: 9 }, () => `*l${i - 1}`).join(', ')}]\n`;
    const result = load(bomb);
    expect(codesOf(result.diagnostics)).toEqual(['LVS008']);
    expect(result.diagnostics[0]!.span!.line).toBe(3);
  });

  it('stops a few aliases of a huge anchor', () => {
    const huge = `a: &a [${Array.from({ length: 34_000 }, () => '1').join(',')}]\nb: [*a, *a, *a]\n`;
    const result = load(huge);
    expect(codesOf(result.diagnostics)).toEqual(['LVS008']);
    expect(result.diagnostics[0]!.message).toContain('expand to more than');
  });

  it('stops an alias that contains itself', () => {
    expect(codesOf(load('a: &x [*x]\n').diagnostics)).toEqual(['LVS009']);
  });
});

describe(`nesting deeper than ${MAX_DEPTH} levels (LVS009)`, () => {
  it(`accepts ${MAX_DEPTH} levels and rejects one more`, () => {
    const nested = (n: number) => `a: ${'['.repeat(n)}${']'.repeat(n)}\n`;
    expect(codesOf(load(nested(MAX_DEPTH)).diagnostics)).toEqual([]);
    expect(where(load(nested(MAX_DEPTH + 1)).diagnostics)).toEqual([['LVS009', 1, 4 + MAX_DEPTH]]);
  });

  it('rejects 200 levels of flow collections', () => {
    expect(where(load('['.repeat(200) + ']'.repeat(200)).diagnostics)).toEqual([['LVS009', 1, MAX_DEPTH + 2]]);
  });

  it('rejects 200 levels of block mappings at their line', () => {
    const text = Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n';
    expect(where(load(text).diagnostics)).toEqual([['LVS009', MAX_DEPTH + 2, MAX_DEPTH + 2]]);
  });

  it('rejects half a million nested brackets before the parser sees them', () => {
    const n = 500_000;
    expect(codesOf(load('['.repeat(n) + ']'.repeat(n)).diagnostics)).toEqual(['LVS009']);
    expect(codesOf(load('{a: '.repeat(200_000) + '1' + '}'.repeat(200_000)).diagnostics)).toEqual(['LVS009']);
    expect(codesOf(load('- '.repeat(400_000) + '1\n').diagnostics)).toEqual(['LVS009']);
  });

  it('does not count brackets inside strings, comments or block scalars', () => {
    const deep = '['.repeat(100);
    const text = `a: "${deep}"\nb: '${deep}'\nc: x${deep}\n# ${deep}\nd: |\n  ${deep}\ne: >\n  ${deep}\n`;
    expect(codesOf(load(text).diagnostics)).toEqual([]);
  });
});

describe('more values than the size limit allows (LVS012)', () => {
  const pairs = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: 1\n`).join('');

  it('accepts one value per 8 bytes of the limit and stops at the first value past it', () => {
    expect(maxValuesFor(800)).toBe(100);
    expect(codesOf(load(pairs(50), 800).diagnostics)).toEqual([]);
    const over = load(pairs(51), 800).diagnostics;
    // Value 101 is the 51st key.
    expect(where(over)).toEqual([['LVS012', 51, 1]]);
    expect(over[0]!.severity).toBe('error');
    expect(over[0]!.message).toContain('more than 100 values');
  });

  it('never stops a fixture, even at a size limit of its own size', () => {
    const dir = new URL('../../fixtures/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = readFileSync(new URL(f, dir));
      expect(
        codesOf(load(text, text.byteLength).diagnostics).filter((c) => c === 'LVS012'),
        f,
      ).toEqual([]);
    }
  });

  it('never stops 10,000 services written one per line, the densest topology style, at a limit of its size', () => {
    const text = (worstCaseShapes() as Record<string, string>)['10,000 services']!;
    expect(codesOf(load(text, Buffer.byteLength(text)).diagnostics)).toEqual([]);
  });

  it('stops 1 MiB of tiny values early: duplicate keys and a huge anchor', () => {
    const shapes = worstCaseShapes() as Record<string, string>;
    expect(codesOf(load(shapes['duplicate keys']!).diagnostics)).toEqual(['LVS012']);
    expect(codesOf(load(shapes['aliases']!).diagnostics)).toEqual(['LVS012']);
  });
});

describe(`files over the size limit (LVS001, default ${DEFAULT_MAX_BYTES} bytes)`, () => {
  it('rejects a file one byte over the limit and accepts one at it', () => {
    const at = `a: ${'x'.repeat(DEFAULT_MAX_BYTES - 4)}\n`;
    expect(Buffer.byteLength(at)).toBe(DEFAULT_MAX_BYTES);
    expect(codesOf(load(at).diagnostics)).toEqual([]);
    expect(codesOf(load(at + ' ').diagnostics)).toEqual(['LVS001']);
    expect(codesOf(load(new TextEncoder().encode(at + ' ')).diagnostics)).toEqual(['LVS001']);
  });

  it('counts bytes, not characters', () => {
    expect(codesOf(load('a: ééé\n', 8).diagnostics)).toEqual(['LVS001']);
  });

  it('takes a raised limit', () => {
    const big = `a: ${'x'.repeat(DEFAULT_MAX_BYTES)}\n`;
    expect(codesOf(load(big, 4_000_000).diagnostics)).toEqual([]);
  });
});

describe('encodings and line endings', () => {
  it('accepts a byte order mark, in text and in bytes, without shifting columns', () => {
    const text = '\ufeff' + seedTun.replace('port: 80', 'port: eighty');
    const line = text.split('\n').findIndex((l) => l.includes('port: eighty')) + 1;
    expect(where(lint(text).diagnostics)).toEqual([['LVS101', line, 11]]);
    expect(where(lint(new TextEncoder().encode(text)).diagnostics)).toEqual([['LVS101', line, 11]]);
    expect(lint('\ufeff' + seedTun).diagnostics).toEqual([]);
    expect(where(lint('\ufeffversion: 2\n').diagnostics.filter((d) => d.code === 'LVS108'))).toEqual([['LVS108', 1, 10]]);
  });

  it('gives correct lines and columns with CRLF line endings', () => {
    const crlf = seedTun.replace('scheduler: rr', 'schedular: rr').replace(/\n/g, '\r\n');
    const line = crlf.split('\r\n').findIndex((l) => l.includes('schedular')) + 1;
    const result = lint(crlf);
    expect(where(result.diagnostics)).toEqual([['LVS102', line, 5]]);
    expect(result.source.lineText(line)).toBe('    schedular: rr');
    expect(where(load('a: 1\r\na: 2\r\n').diagnostics)).toEqual([['LVS007', 2, 1]]);
    expect(lint(seedTun.replace(/\n/g, '\r\n')).diagnostics).toEqual([]);
  });
});
