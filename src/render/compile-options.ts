// Handlebars compile options of every template: shared by src/render/handlebars.ts and scripts/build-assets.js.

/** Strict mode (a field missing from the view throws), no HTML escaping (targets escape for their own syntax). */
export const compileOptions = { strict: true, noEscape: true } as const;
