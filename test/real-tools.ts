// Finds the real tools that check generated output. Under CI=true a missing tool is a failure;
// elsewhere the tests that need it are skipped with the reason printed.
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';

export const inCi = process.env.CI === 'true';

/**
 * For a describe block whose tools are `missing` (undefined: all there): declares a test that fails under CI=true,
 * or a skipped one outside it, and returns false; returns true when nothing is missing.
 */
export function toolsPresent(missing: string | undefined, failure: string): boolean {
  if (!missing) return true;
  if (inCi) it('has what it needs', () => expect.fail(`${failure}: ${missing}`));
  else it.skip(`skipped: ${missing}`, () => {});
  return false;
}

/** True when `tool` runs; throws under CI=true when it does not. */
export function haveTool(tool: string, versionArgs: string[] = ['--version']): boolean {
  const probe = spawnSync(tool, versionArgs, { encoding: 'utf8' });
  const ok = !probe.error;
  if (!ok && inCi) throw new Error(`${tool} is required under CI=true but is not installed`);
  if (!ok) console.warn(`skipping checks that need ${tool}: not installed (CI=true makes this a failure)`);
  return ok;
}

/**
 * Runs `command` inside a throwaway network namespace that has the given interfaces (as veth ends),
 * so that tools which check interfaces (keepalived -t) see the topology's names. Needs root; without
 * it (outside CI) the command runs on this host as it is.
 */
export function runWithInterfaces(interfaces: string[], command: string, args: string[]): ReturnType<typeof spawnSync> {
  if (process.getuid?.() !== 0) {
    if (inCi) throw new Error('CI runs as root: a network namespace is needed to check interface names');
    return spawnSync(command, args, { encoding: 'utf8' });
  }
  const ns = `lvscc-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const ip = (...a: string[]): void => {
    const r = spawnSync('ip', a, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`ip ${a.join(' ')}: ${r.stderr}`);
  };
  ip('netns', 'add', ns);
  try {
    [...new Set(interfaces)].sort().forEach((name, i) => {
      ip('-n', ns, 'link', 'add', name, 'type', 'veth', 'peer', 'name', `lvscc-peer${i}`);
      ip('-n', ns, 'link', 'set', name, 'up');
    });
    return spawnSync('ip', ['netns', 'exec', ns, command, ...args], { encoding: 'utf8' });
  } finally {
    spawnSync('ip', ['netns', 'del', ns]);
  }
}
