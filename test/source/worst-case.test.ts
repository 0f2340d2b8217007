// Every worst shape under the size limit lints in bounded time: a generous bound (10 s of CPU a document on a
// loaded machine) that a quadratic cost could still pass, and a growth check (4x the input, well under 16x the
// CPU time) that it would not. CPU time, not wall time: a test file runs in its own process (vitest's forks).
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/compile.js';
// @ts-expect-error -- plain JavaScript bench helper without types
import { worstCaseShapes } from '../../bench/worst-case.js';

const shapes = (limit: number) => worstCaseShapes(limit) as Record<string, string>;

/** CPU milliseconds (user + system) of one lint. */
const cpuOf = (text: string): number => {
  const since = process.cpuUsage();
  lint(text, { fileName: 'worst.yaml' });
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/** The least CPU time of `runs` lints: the one least disturbed by the garbage collector and the machine. */
const leastCpuOf = (text: string, runs: number): number => Math.min(...Array.from({ length: runs }, () => cpuOf(text)));

describe('lint of the worst shapes', () => {
  const half = shapes(512 * 1024);
  for (const [name, text] of Object.entries(half)) {
    it(`${name}: 512 KiB lints in under 10 s of CPU`, () => {
      expect(cpuOf(text)).toBeLessThan(10_000);
    }, 60_000);
  }

  // Linear work grows 4x (a little more with the garbage collector), quadratic work 16x. The shapes that stop
  // early (deep flow nesting) or do little (a long string) cost milliseconds either way: the 20 ms floor keeps
  // their noise out of the ratio, and a quadratic cost would still pass it at 256 KiB.
  const small = shapes(64 * 1024);
  const large = shapes(256 * 1024);
  for (const name of Object.keys(small)) {
    it(`${name}: 4x the input takes well under 16x the CPU time`, () => {
      leastCpuOf(small[name]!, 1); // compiles the code paths this shape takes, so that the small run is not the cold one
      const ratio = leastCpuOf(large[name]!, 2) / Math.max(leastCpuOf(small[name]!, 3), 20);
      expect(ratio, name).toBeLessThan(9);
    }, 120_000);
  }
});
