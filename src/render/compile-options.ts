// Handlebars compile options of every template: shared by src/render/handlebars.ts and scripts/build-assets.js.

/**
 * Strict mode (a field missing from the view throws), no HTML escaping (targets escape for their own syntax),
 * `sh` as the only helper (any other is a compile error, and a plain `{{name}}` is a view lookup, never a
 * helper call), and no @-data frames unless a template uses `@first` and the like (Handlebars turns data
 * back on for that template): without them, blocks allocate much less, which fleets of thousands of files feel.
 * A new object each time, since Handlebars' precompile writes into the options it is given.
 */
export function compileOptions() {
  return { strict: true, noEscape: true, knownHelpers: { sh: true }, knownHelpersOnly: true, data: false };
}
