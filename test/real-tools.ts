// Finds the real tools that check generated output. Under CI=true a missing tool is a failure;
// elsewhere the tests that need it are skipped with the reason printed.
import { spawnSync } from 'node:child_process';

export const inCi = process.env.CI === 'true';

/** True when `tool` runs; throws under CI=true when it does not. */
export function haveTool(tool: string, versionArgs: string[] = ['--version']): boolean {
  const probe = spawnSync(tool, versionArgs, { encoding: 'utf8' });
  const ok = !probe.error;
  if (!ok && inCi) throw new Error(`${tool} is required under CI=true but is not installed`);
  if (!ok) console.warn(`skipping checks that need ${tool}: not installed (CI=true makes this a failure)`);
  return ok;
}
