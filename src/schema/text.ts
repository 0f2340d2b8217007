// The topology JSON Schema text, as published by `lvscc schema` (no validator is loaded for it).
import { readFileSync } from 'node:fs';

/** The topology JSON Schema, as published by `lvscc schema`. */
export const topologySchemaText: string = readFileSync(new URL('../../schema/topology.schema.json', import.meta.url), 'utf8');
