// The walk from yaml's document to plain data, enforcing the alias, depth and duplicate-key rules.
import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Alias, type Document, type Node, type Pair, type Range } from 'yaml';
import type { Diagnostic, Span } from '../diagnostics/types.js';
import { MAX_ALIASES, MAX_ALIAS_EXPANSION, MAX_DEPTH } from './limits.js';
import { sourceDiagnostic, tooDeep } from './source-diagnostic.js';
import type { SourceFile } from './source-file.js';

/**
 * The node each alias stands for: the last node before it with that anchor (YAML 1.2). Computed for
 * all aliases in one pass on first use, as yaml's own Alias.resolve walks the whole document on every call.
 */
export class AliasTargets {
  private targets: Map<Alias, Node | undefined> | undefined;

  constructor(private readonly doc: Document) {}

  get(alias: Alias): Node | undefined {
    if (!this.targets) {
      const targets = new Map<Alias, Node | undefined>();
      const anchors = new Map<string, Node>();
      visit(this.doc, {
        Node: (_key, node) => {
          if (isAlias(node)) targets.set(node, anchors.get(node.source));
          else if (node.anchor) anchors.set(node.anchor, node);
        },
      });
      this.targets = targets;
    }
    return this.targets.get(alias);
  }
}

/** The tags of collections that are plain YAML (`!!map`, `!!seq`); `!!set`, `!!omap`, `!!pairs` and custom tags are not. */
const plainCollectionTags = new Set(['tag:yaml.org,2002:map', 'tag:yaml.org,2002:seq']);

/** `tag:yaml.org,2002:omap` as it is written, `!!omap`. */
function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

/** The map key of a pair as the walker names it, or undefined for keys the walker rejects. */
export function keyName(pair: unknown): string | undefined {
  if (!isPair(pair)) return undefined;
  const key = pair.key;
  if (!isScalar(key) || (typeof key.value !== 'string' && typeof key.value !== 'number')) return undefined;
  return String(key.value);
}

/** Converts the YAML AST into plain data, enforcing alias, depth and duplicate-key rules. */
export class Walker {
  readonly diagnostics: Diagnostic[] = [];
  /** Set by the first fatal finding; duplicate keys are not fatal, so that all of them are reported. */
  private stopped = false;
  private aliases = 0;
  private expanded = 0;

  constructor(
    private readonly aliasTargets: AliasTargets,
    private readonly source: SourceFile,
  ) {}

  /** `alias` is the outermost alias being expanded, if any: values reached through it count against the expansion limit. */
  walk(node: unknown, depth: number, alias?: Alias, located?: Node): unknown {
    if (this.stopped) return undefined;
    if (depth > MAX_DEPTH) {
      this.stop(tooDeep(this.nodeSpan(node)));
      return undefined;
    }
    if (alias && ++this.expanded > MAX_ALIAS_EXPANSION) {
      this.fail('LVS008', `the aliases in this document expand to more than ${MAX_ALIAS_EXPANSION} values`, alias, 'expand the aliases, or use `defaults:`');
      return undefined;
    }
    if (isAlias(node)) {
      this.aliases++;
      if (this.aliases > MAX_ALIASES) {
        this.fail('LVS008', `the document uses more than ${MAX_ALIASES} aliases`, node, 'expand the aliases, or use `defaults:`');
        return undefined;
      }
      const target = this.aliasTargets.get(node);
      if (target === undefined) {
        this.fail(
          'LVS005',
          `YAML syntax error: the alias \`*${node.source}\` refers to no anchor before it`,
          node,
          `define \`&${node.source}\` on a value before this alias, or write the value out`,
        );
        return undefined;
      }
      return this.walk(target, depth + 1, alias ?? node);
    }
    if (node == null) return null;
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v === 'number' && !Number.isFinite(v)) return String(node.source ?? v);
      if (typeof v === 'bigint') return Number(v);
      if (v instanceof Uint8Array || v instanceof Date) {
        this.fail('LVS011', 'this value has a type that topologies do not use', node, 'write it as a plain string or number');
        return undefined;
      }
      return v;
    }
    if ((isMap(node) || isSeq(node)) && node.tag !== undefined && !plainCollectionTags.has(node.tag)) {
      const range = node.range;
      const text = this.source.text;
      // The collection's range starts after its tag; the diagnostic marks the tag itself.
      let start = range?.[0] ?? 0;
      while (start > 0 && /\s/.test(text[start - 1]!)) start--;
      while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
      const tagged = range && text[start] === '!' ? this.spanOf([start, range[1]]) : this.nodeSpan(node);
      this.stop(
        sourceDiagnostic('LVS011', `the YAML tag \`${shortTag(node.tag)}\` is not used by topologies`, tagged, 'remove the tag: write a plain mapping or list'),
      );
      return undefined;
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      /** The first key node of each name, built once on the mapping's first duplicate (a scan per duplicate was quadratic). */
      let firstKeys: Map<string, Node> | undefined;
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const name = keyName(pair);
        if (name === undefined) {
          this.fail('LVS011', 'map keys must be plain strings', pair.key ?? node, 'write the key as a plain word');
          return undefined;
        }
        // The mapping being built is the set of keys seen so far; a repeated key is rare, so its first
        // occurrence is looked up only then.
        if (Object.hasOwn(out, name)) {
          firstKeys ??= firstKeysOf(node.items);
          this.duplicate(name, (pair.key as Node).range, firstKeys.get(name)?.range);
        }
        const value = this.walk(pair.value, depth + 1, alias, (pair.key as Node | null) ?? node);
        // A `__proto__` key is data like any other, not the object's prototype.
        if (name === '__proto__') Object.defineProperty(out, name, { value, writable: true, enumerable: true, configurable: true });
        else out[name] = value;
      }
      return out;
    }
    if (isSeq(node)) {
      return node.items.map((item) => this.walk(item, depth + 1, alias, node));
    }
    // A node yaml built without a source range (a pair inside a collection) is located by the nearest one that has it.
    this.fail('LVS011', 'unsupported YAML node', this.nodeSpan(node) ? node : (located ?? node), 'use plain mappings, lists and scalars');
    return undefined;
  }

  private duplicate(name: string, range: Range | null | undefined, first: Range | null | undefined): void {
    const span = range ? this.spanOf(range) : undefined;
    const d = sourceDiagnostic(
      'LVS007',
      `the key \`${name}\` appears twice in the same mapping`,
      span,
      'remove one of the two entries, or merge them',
      'defined again here',
    );
    if (first) d.related.push({ span: this.spanOf(first), message: 'first defined here' });
    this.diagnostics.push(d);
  }

  private spanOf(range: readonly [number, number] | readonly number[]): Span {
    const start = range[0] ?? 0;
    return this.source.spanOf(start, Math.min(range[1] ?? start, this.source.text.length));
  }

  private nodeSpan(node: unknown): Span | undefined {
    const range = (node as Node | undefined)?.range;
    return range ? this.spanOf(range) : undefined;
  }

  private fail(code: string, message: string, node: unknown, help: string): void {
    this.stop(sourceDiagnostic(code, message, this.nodeSpan(node), help));
  }

  /** Records a fatal finding: the walk returns nothing more. */
  private stop(diagnostic: Diagnostic): void {
    this.stopped = true;
    this.diagnostics.push(diagnostic);
  }
}

/** The key node of the first pair of `items` with each name the walker gives it. */
function firstKeysOf(items: readonly unknown[]): Map<string, Node> {
  const first = new Map<string, Node>();
  for (const pair of items) {
    const name = keyName(pair);
    if (name !== undefined && !first.has(name)) first.set(name, (pair as Pair<Node>).key);
  }
  return first;
}
