// What the loader accepts (input size, values, aliases, nesting), apart from the loader so that the CLI's flags do not load the YAML parser.

/** Largest input accepted unless `maxBytes` (`--max-bytes`) says otherwise: 1 MiB. */
export const DEFAULT_MAX_BYTES = 1024 * 1024;
/** Most aliases (`*name`) one document may use. */
export const MAX_ALIASES = 100;
/** Deepest nesting of mappings and lists accepted. */
export const MAX_DEPTH = 64;
/** Most values that aliases may expand to in total: 100 aliases of a huge anchor are a memory bomb too. */
export const MAX_ALIAS_EXPANSION = 100_000;
/**
 * Bytes of the size limit per value (scalar: key, value or list item) a document may hold: 1 MiB allows 131,072.
 * Topologies hold one value per 13 to 17 bytes (the fixtures), and one per 8.4 in the densest flow style
 * (10,000 one-line services); what goes past it is a file of tiny values, whose parse costs several times
 * what a topology of its size does. `--max-bytes` raises both.
 */
export const BYTES_PER_VALUE = 8;

/** Most values a document under a size limit of `maxBytes` may hold. */
export function maxValuesFor(maxBytes: number): number {
  return Math.floor(maxBytes / BYTES_PER_VALUE);
}
