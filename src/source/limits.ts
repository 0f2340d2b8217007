// What the loader accepts (input size, aliases, nesting), apart from the loader so that the CLI's flags do not load the YAML parser.

/** Largest input accepted unless `maxBytes` (`--max-bytes`) says otherwise: 1 MiB. */
export const DEFAULT_MAX_BYTES = 1024 * 1024;
/** Most aliases (`*name`) one document may use. */
export const MAX_ALIASES = 100;
/** Deepest nesting of mappings and lists accepted. */
export const MAX_DEPTH = 64;
/** Most values that aliases may expand to in total: 100 aliases of a huge anchor are a memory bomb too. */
export const MAX_ALIAS_EXPANSION = 100_000;
