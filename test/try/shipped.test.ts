// `lvscc try` runs from an installed package: the lab scripts and the harness they source are in it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('the package ships the kernel lab', () => {
  it('packs lab/ and the e2e harness that try-guest.sh sources', () => {
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
    ) as {
      files: { path: string }[];
    }[];
    const paths = packed!.files.map((f) => f.path);
    for (const file of [
      'lab/run-in-guest.sh',
      'lab/prepare.sh',
      'lab/guest-init.sh',
      'lab/netns-lib.sh',
      'lab/try-guest.sh',
      'lab/try-udp.py',
      'test/e2e/e2e-lib.sh',
    ])
      expect(paths, file).toContain(file);
    // Everything try-guest.sh and e2e-lib.sh source is shipped too.
    for (const script of ['lab/try-guest.sh', 'test/e2e/e2e-lib.sh']) {
      const sourced = [...readFileSync(script, 'utf8').matchAll(/^source "\$(?:here|E2E_DIR)\/([^"]+)"/gm)].map(([, path]) =>
        new URL(path!, new URL(script, 'file:///')).pathname.slice(1),
      );
      expect(sourced.length, `${script} sources something`).toBeGreaterThan(0);
      for (const path of sourced) expect(paths, `${script} sources ${path}`).toContain(path);
    }
  });
});
