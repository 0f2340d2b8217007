// Rendered texts by template and view, for renderings that repeat (the two topologies of `lvscc plan`).
import { RenderedText } from '../util/escape.js';

interface Entry {
  template: string;
  view: unknown;
  text: string;
}

/**
 * Remembers each rendered text with its template and view; a later view equal to a remembered one (see
 * {@link sameView}) gets the remembered text without rendering, which is sound because a template's text
 * depends on its view alone (the helpers are pure) and views are not changed once rendered. Views are found
 * by a hash of their contents and then compared whole, so a hash collision costs a comparison, never a wrong text.
 */
export class ViewMemo {
  private readonly entries = new Map<number, Entry[]>();
  /** Hashes of views rendered with several templates (apply.sh and teardown.sh share theirs), or null: no hash. */
  private readonly hashes = new WeakMap<object, number | null>();

  /** The text rendered before for `template` and a view equal to `view`, or the view's hash to {@link set} it with, or undefined: not to be remembered. */
  get(template: string, view: object): { text: string } | { hash: number } | undefined {
    let contents = this.hashes.get(view);
    if (contents === undefined) this.hashes.set(view, (contents = viewHash(view) ?? null));
    if (contents === null) return undefined;
    for (const entry of this.entries.get(contents) ?? []) if (entry.template === template && sameView(entry.view, view)) return { text: entry.text };
    return { hash: contents };
  }

  /** Remembers `text` as `template` rendered with `view`, whose hash {@link get} returned. */
  set(hash: number, template: string, view: object, text: string): void {
    const bucket = this.entries.get(hash);
    if (bucket) bucket.push({ template, view, text });
    else this.entries.set(hash, [{ template, view, text }]);
  }
}

/** A view a template can read only as data: strings, numbers, booleans, null, undefined, rendered texts, arrays and plain objects. */
function isPlain(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === RenderedText.prototype || Array.isArray(value);
}

/**
 * A 53-bit hash of a view's contents (two 32-bit FNV-1a lanes), or undefined when the view
 * holds anything but data (a function, an object that is not plain), whose rendering the memo cannot vouch for.
 */
function viewHash(view: unknown): number | undefined {
  // The two lanes live in a typed array: closure variables beyond 31 bits would allocate a number per step.
  const lanes = new Int32Array(2);
  lanes[0] = 0x811c9dc5;
  lanes[1] = 0x01000193;
  const mix = (code: number): void => {
    lanes[0] = Math.imul(lanes[0]! ^ code, 0x01000193);
    lanes[1] = Math.imul(lanes[1]! ^ code, 0x5bd1e995) ^ (lanes[1]! >>> 15);
  };
  const text = (value: string): void => {
    let a = lanes[0]! ^ value.length;
    let b = lanes[1]! ^ value.length;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      a = Math.imul(a ^ code, 0x01000193);
      b = Math.imul(b ^ code, 0x5bd1e995) ^ (b >>> 15);
    }
    lanes[0] = a;
    lanes[1] = b;
  };
  // Values only: the comparison checks the keys (fleets' views hold 700,000 values).
  const visit = (value: unknown): boolean => {
    if (typeof value === 'string') text(value);
    else if (typeof value === 'number') {
      if ((value | 0) === value) mix(value);
      else text(String(value));
    } else if (typeof value === 'boolean') mix(value ? 1 : 2);
    else if (value === undefined) mix(3);
    else if (value === null) mix(4);
    else if (Array.isArray(value)) {
      mix(value.length);
      for (const item of value) if (!visit(item)) return false;
    } else if (typeof value !== 'object') return false;
    else {
      const prototype = Object.getPrototypeOf(value) as unknown;
      // A rendered text by its length: the shell library, 33 KB in every host's view, would be hashed 2,000 times.
      if (prototype === RenderedText.prototype) mix((value as RenderedText).text.length);
      else if (prototype !== Object.prototype) return false;
      else for (const name in value) if (!visit((value as Record<string, unknown>)[name])) return false;
    }
    return true;
  };
  return visit(view) ? (lanes[0]! >>> 0) * 0x200000 + (lanes[1]! >>> 11) : undefined;
}

/**
 * True when a template reads `x` and `y` the same: the same strings, numbers, booleans, null and undefined, the
 * same rendered texts, arrays of equal items, and plain objects with the same own keys in the same order (a
 * template iterates them in that order; a key held with the value undefined is not the same as no key, which
 * strict mode refuses) and equal values.
 */
export function sameView(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (!isPlain(x) || Object.getPrototypeOf(x) !== Object.getPrototypeOf(y)) return false;
  if (x instanceof RenderedText) return x.text === (y as RenderedText).text;
  if (Array.isArray(x)) {
    if (!Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!(i in x) || !(i in y) || !sameView(x[i], y[i])) return false;
    return true;
  }
  const xKeys = Object.keys(x);
  const yKeys = Object.keys(y);
  if (xKeys.length !== yKeys.length) return false;
  for (let i = 0; i < xKeys.length; i++) {
    const name = xKeys[i]!;
    if (name !== yKeys[i] || !sameView((x as Record<string, unknown>)[name], (y as Record<string, unknown>)[name])) return false;
  }
  return true;
}
