// Reads a bundle directory as a user would and says whether it is one complete bundle, and which.
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Whether `dir` holds exactly the bundle its manifest.json describes: every listed file with its sha256 and mode, no other file under hosts/, and at the top only lvscc's names. Returns the manifest's sha256, or a reason. */
export function completeBundle(dir: string): { ok: true; manifest: string } | { ok: false; reason: string } {
  let text: Buffer;
  try {
    text = readFileSync(join(dir, 'manifest.json'));
  } catch {
    return { ok: false, reason: 'no manifest.json' };
  }
  const manifest = JSON.parse(text.toString('utf8')) as { hosts: Record<string, { files: { path: string; mode: string; sha256: string }[] }> };
  const listed = new Set<string>();
  for (const host of Object.values(manifest.hosts)) {
    for (const f of host.files) {
      listed.add(f.path);
      let stat;
      try {
        stat = statSync(join(dir, f.path));
      } catch {
        return { ok: false, reason: `missing ${f.path}` };
      }
      if ((stat.mode & 0o7777) !== parseInt(f.mode, 8)) return { ok: false, reason: `mode of ${f.path}` };
      if (
        createHash('sha256')
          .update(readFileSync(join(dir, f.path)))
          .digest('hex') !== f.sha256
      )
        return { ok: false, reason: `bytes of ${f.path}` };
    }
  }
  const walk = (rel: string): string[] =>
    readdirSync(join(dir, rel)).flatMap((n) => (statSync(join(dir, rel, n)).isDirectory() ? walk(`${rel}/${n}`) : [`${rel}/${n}`]));
  for (const path of walk('hosts')) if (!listed.has(path)) return { ok: false, reason: `unlisted ${path}` };
  const allowedTop = new Set([
    'manifest.json',
    'hosts',
    'topology.md',
    '.lvscc',
    '.lvscc-cache.json',
    '.lvscc-cache.json.lvscc-new',
    'hosts.lvscc-new',
    'manifest.json.lvscc-new',
  ]);
  for (const name of readdirSync(dir)) if (!allowedTop.has(name)) return { ok: false, reason: `extra ${name}` };
  if (readlinkSync(join(dir, 'hosts')) !== '.lvscc/current/hosts' || !lstatSync(join(dir, 'manifest.json')).isSymbolicLink())
    return { ok: false, reason: 'top links' };
  return { ok: true, manifest: createHash('sha256').update(text).digest('hex') };
}
