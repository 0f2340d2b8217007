// The texts of one compilation's renderings, reused by a second compilation that renders equal views (`lvscc plan`).
import { RenderedText } from '../util/escape.js';

/** One rendering: a template's view, the text it gave and the rules its view was checked by. */
interface Rendering {
  view: unknown;
  text: string;
  rules: object | undefined;
}

/**
 * A check of a view before it is rendered, which throws when the view is refused: `run` checks this view by
 * `rules`, a value that stands for the check (the same rules, the same check), so that an equal view already
 * checked by the same rules need not be checked again.
 */
export interface ViewCheck {
  rules: object;
  run(): void;
}

/** How far ahead of its cursor a rendering is looked for: a few hosts or services added or removed in a row. */
const LOOKAHEAD = 4;

/**
 * Records every rendering of a first compilation, by template in order; after {@link replay}, a rendering of a
 * second compilation whose view is equal ({@link sameView}) to the recorded one at its template's cursor (or
 * a few past it) gets the recorded text without rendering. Sound because a template's text depends on its view
 * alone (the helpers are pure) and views are not changed once rendered; both compilations render their
 * templates in the same order (targets in their list, hosts and services sorted), so an unchanged host or
 * service is found at the cursor with one comparison, and the first compilation pays nothing but the list.
 */
export class RenderMemo {
  private readonly recorded = new Map<string, Rendering[]>();
  private cursors: Map<string, number> | undefined;

  /** From now on, renderings reuse the recorded ones instead of adding to them. */
  replay(): void {
    this.cursors = new Map();
  }

  /**
   * The text of `template` with `view`: recorded, or reused, or rendered by `render` after `check`. A reused
   * text skips the check when the recorded view passed the same rules: an equal view passes them too.
   */
  render(template: string, view: unknown, render: () => string, check?: ViewCheck): string {
    let list = this.recorded.get(template);
    if (!this.cursors) {
      check?.run();
      const text = render();
      if (!list) this.recorded.set(template, (list = []));
      list.push({ view, text, rules: check?.rules });
      return text;
    }
    const cursor = this.cursors.get(template) ?? 0;
    const end = Math.min(cursor + LOOKAHEAD, list?.length ?? 0);
    for (let i = cursor; i < end; i++) {
      const recorded = list![i]!;
      if (recorded.rules === check?.rules && sameView(recorded.view, view)) {
        this.cursors.set(template, i + 1);
        return recorded.text;
      }
    }
    check?.run();
    return render();
  }
}

/**
 * True when a template reads `x` and `y` the same: the same strings, numbers, booleans, null and undefined, the
 * same rendered texts, arrays of equal items, and plain objects with the same own keys in the same order (a
 * template iterates them in that order; a key held with the value undefined is not the same as no key, which
 * strict mode refuses) and equal values. Anything else (a function, an object that is not plain data) is never
 * the same, not even as itself: the memo cannot vouch for what a template makes of it.
 */
export function sameView(x: unknown, y: unknown): boolean {
  if (typeof x === 'function') return false;
  if (typeof x !== 'object' || x === null) return x === y;
  if (typeof y !== 'object' || y === null) return false;
  const prototype = Object.getPrototypeOf(x) as unknown;
  if (prototype !== Object.getPrototypeOf(y)) return false;
  if (Array.isArray(x)) {
    const other = y as unknown[];
    if (x.length !== other.length) return false;
    for (let i = 0; i < x.length; i++) if (!(i in x) || !(i in other) || !sameView(x[i], other[i])) return false;
    return true;
  }
  if (prototype === RenderedText.prototype) return (x as RenderedText).text === (y as RenderedText).text;
  if (prototype !== Object.prototype) return false;
  const xKeys = Object.keys(x);
  const yKeys = Object.keys(y);
  if (xKeys.length !== yKeys.length) return false;
  for (let i = 0; i < xKeys.length; i++) {
    const name = xKeys[i]!;
    if (name !== yKeys[i] || !sameView((x as Record<string, unknown>)[name], (y as Record<string, unknown>)[name])) return false;
  }
  return true;
}
