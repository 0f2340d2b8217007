// The worst input shapes under the 1 MiB size limit, for `npm run bench` and test/source/worst-case.test.ts.

const MiB = 1024 * 1024;

/** `head` followed by `unit(i)` for i = 0, 1, ... while the text stays under `limit` bytes. */
function fill(head, unit, limit) {
  const parts = [head];
  let size = head.length;
  for (let i = 0; ; i++) {
    const next = unit(i);
    if (size + next.length > limit) break;
    parts.push(next);
    size += next.length;
  }
  return parts.join('');
}

/** Shape name -> text of about `limit` bytes (default: just under 1 MiB). */
export function worstCaseShapes(limit = MiB - 64) {
  return {
    'duplicate keys': fill('version: 1\ncluster: c\n', () => 'a: 1\n', limit),
    'duplicate keys, nested': fill('version: 1\ncluster: c\nservices:\n  s:\n', () => '    x: 1\n', limit),
    'unknown keys': fill('version: 1\ncluster: c\n', (i) => `k${i}: 1\n`, limit),
    aliases: `a: &a [${'x,'.repeat(Math.floor((limit - 400) / 2.5))}x]\nb: [${'*a,'.repeat(99)}*a]\n`,
    'deep nesting, flow': '['.repeat(limit),
    'deep nesting, block': fill('', (i) => `${' '.repeat(i % 60)}k:\n`, limit),
    // A valid topology (each VIP on the director's segment, as DR needs), so that every stage runs, the rules included.
    '10,000 services': fill(
      'version: 1\ncluster: c\ndirectors:\n  lb: { interfaces: { eth0: 10.0.0.2/16 } }\nrealServers:\n  rs: { interfaces: { eth0: 10.0.0.3/16 } }\nservices:\n',
      (i) => (i < 10000 ? `  s${i}: { vip: 10.0.${100 + (i >> 8)}.${i & 255}, port: 80, forwarding: dr, realServers: [rs] }\n` : 'x'.repeat(limit)),
      limit,
    ),
    'long string': `version: 1\ncluster: ${'x'.repeat(limit - 40)}\n`,
  };
}
