// Spans of JSON pointers, which the loader finds in the YAML tree only when a diagnostic asks:
// map keys and list items, aliases, keys without a value, escaped tokens, and the fallback to a parent.
import { describe, expect, it } from 'vitest';
import { loadTopology } from '../../src/source/load.js';

const text = [
  'base: &base { port: 80, check: [tcp, 3] }', // line 1
  'svc:', // line 2
  '  web: *base', // line 3
  '  empty:', // line 4
  '  "a/b~c": 1', // line 5
  'list:', // line 6
  '  - first', // line 7
  '  - *base', // line 8
  '',
].join('\n');
const { source, data } = loadTopology(text, 'test.yaml');

/** `line:column` of a span, and the text it covers. */
function at(pointer: string, which: 'value' | 'key' = 'value'): string {
  const span = source.spanAt(pointer, which);
  return `${span.line}:${span.column} ${text.slice(span.offset, span.offset + span.length)}`;
}

describe('locating pointers', () => {
  it('loads', () => expect(data).toBeDefined());

  it('finds map values and their keys', () => {
    expect(at('/base/port')).toBe('1:21 80');
    expect(at('/base/port', 'key')).toBe('1:15 port');
    expect(at('/base/check/1')).toBe('1:38 3');
  });

  it('gives a value reached through an alias the anchored node, and the key that holds the alias', () => {
    expect(at('/svc/web')).toBe('1:13 { port: 80, check: [tcp, 3] }');
    expect(at('/svc/web', 'key')).toBe('3:3 web');
    expect(at('/svc/web/port')).toBe('1:21 80');
    expect(at('/list/1/check/0')).toBe('1:33 tcp');
    // A list item has no key: the value stands in for it.
    expect(at('/list/1', 'key')).toBe('1:13 { port: 80, check: [tcp, 3] }');
  });

  it('gives a key without a value an empty value after the colon', () => {
    expect(at('/svc/empty')).toBe('4:9 ');
    expect(at('/svc/empty', 'key')).toBe('4:3 empty');
  });

  it('unescapes ~1 and ~0', () => {
    expect(at('/svc/a~1b~0c')).toBe('5:12 1');
  });

  it('finds list items by index only', () => {
    expect(at('/list/0')).toBe('7:5 first');
    expect(at('/list/00')).toBe('6:1 list');
  });

  it('falls back to the key of the nearest ancestor that exists', () => {
    expect(at('/svc/web/missing')).toBe('3:3 web');
    expect(at('/list/0/server')).toBe('7:5 first');
    expect(at('/nothing/here')).toBe(`1:1 ${text}`);
  });
});
