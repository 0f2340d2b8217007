// Locates a JSON pointer in the loaded document: the offsets of the node (and key) that the walker read for it.
import { isAlias, isMap, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { unescapePointerToken, type NodeLocator, type NodeRange } from './source-file.js';
import { keyName, type AliasTargets } from './walk.js';

/**
 * Finds the YAML node at a JSON pointer when a diagnostic needs its place, instead of recording the
 * range of every node while loading (most builds report nothing). Follows the walker exactly: a
 * pointer reached through an alias gets the anchored node's range and the alias's key; a key without
 * a value gets the key's range for both.
 */
export class Locator implements NodeLocator {
  /** Each mapping's pairs by name, built on first lookup (a linear search per diagnostic would be quadratic). */
  private readonly index = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(
    private readonly root: Node,
    private readonly aliasTargets: AliasTargets,
  ) {}

  locate(pointer: string): NodeRange | undefined {
    let node: unknown = this.root;
    let keyRange: [number, number] | undefined;
    if (pointer !== '') {
      for (const token of pointer.slice(1).split('/')) {
        if (isAlias(node)) node = this.aliasTargets.get(node);
        if (isMap(node)) {
          const pair = this.pairs(node).get(unescapePointerToken(token));
          if (!pair) return undefined;
          const key = pair.key as Node;
          keyRange = key.range ? [key.range[0], key.range[1]] : undefined;
          if (pair.value == null) {
            // Only the last token can name a key without a value; the walker records the key there.
            node = undefined;
            if (!keyRange) return undefined;
            continue;
          }
          node = pair.value;
        } else if (isSeq(node)) {
          if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
          node = node.items[Number(token)];
          keyRange = undefined;
          if (node == null) return undefined;
        } else {
          return undefined;
        }
      }
      if (node === undefined) return keyRange ? { value: keyRange, key: keyRange } : undefined;
    }
    if (isAlias(node)) node = this.aliasTargets.get(node);
    const range = (node as Node | undefined)?.range;
    if (!range) return undefined;
    const entry: NodeRange = { value: [range[0], range[1]] };
    if (keyRange) entry.key = keyRange;
    return entry;
  }

  private pairs(map: YAMLMap): Map<string, Pair> {
    let pairs = this.index.get(map);
    if (!pairs) {
      pairs = new Map();
      // Later pairs win, as when the walker recorded them in order.
      for (const pair of map.items) {
        const name = keyName(pair);
        if (name !== undefined) pairs.set(name, pair as Pair);
      }
      this.index.set(map, pairs);
    }
    return pairs;
  }
}
