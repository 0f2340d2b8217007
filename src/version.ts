// The lvscc version, read once from package.json (recorded in manifests and SARIF).
import { readFileSync } from 'node:fs';

/** This package's version, as package.json gives it. */
export const lvsccVersion: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
