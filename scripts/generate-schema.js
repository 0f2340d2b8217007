// Build step after tsc (`npm run schema`, run by `npm run build`): writes schema/topology.schema.json
// from the format's one declaration, src/schema/topology.ts, and schema/plan.schema.json from the plan
// document's, src/change/document.ts. The files are committed; review their diffs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { topologySchema } = await import('../dist/schema/topology.js');
const { serializeSchema } = await import('../dist/schema/serialize.js');
const { publishedPlanSchema } = await import('../dist/change/document.js');

for (const [name, schema] of [
  ['topology.schema.json', topologySchema],
  ['plan.schema.json', publishedPlanSchema],
]) {
  const path = `${root}schema/${name}`;
  const text = serializeSchema(schema);
  // Rewritten only when it changed, so that a build leaves an unchanged schema's file untouched.
  if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
    writeFileSync(path, text);
    console.log(`generate-schema: wrote schema/${name} (${text.length} bytes); review and commit its diff`);
  }
}
