// Prints one JSON line about a bundle directory for the fault tests that run in a namespace: complete or not, and its source file.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
try {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  let ok = true;
  for (const host of Object.values(manifest.hosts)) {
    for (const f of host.files) {
      const path = join(dir, f.path);
      if ((statSync(path).mode & 0o7777) !== parseInt(f.mode, 8)) ok = false;
      if (createHash('sha256').update(readFileSync(path)).digest('hex') !== f.sha256) ok = false;
    }
  }
  console.log(JSON.stringify({ ok, source: manifest.source.file }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: String(error) }));
}
