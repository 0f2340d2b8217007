// Build step after tsc (`npm run schema`, run by `npm run build`): writes schema/topology.schema.json
// from the format's one declaration, src/schema/topology.ts. The file is committed; review its diff.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { topologySchema } = await import('../dist/schema/topology.js');
const { serializeSchema } = await import('../dist/schema/serialize.js');

const path = `${root}schema/topology.schema.json`;
const text = serializeSchema(topologySchema);
// Rewritten only when it changed, so that a build leaves an unchanged schema's file untouched.
if (readFileSync(path, 'utf8') !== text) {
  writeFileSync(path, text);
  console.log(`generate-schema: wrote schema/topology.schema.json (${text.length} bytes); review and commit its diff`);
}
