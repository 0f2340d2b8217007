// Every worst shape under the size limit lints in bounded time: a generous bound (10 s a document on a loaded
// machine) that a quadratic cost would pass, and a growth check (4x the input, well under 16x the time) that it would not.
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/compile.js';
// @ts-expect-error -- plain JavaScript bench helper without types
import { worstCaseShapes } from '../../bench/worst-case.js';

const shapes = (limit: number) => worstCaseShapes(limit) as Record<string, string>;
const timeOf = (text: string): number => {
  const t = performance.now();
  lint(text, { fileName: 'worst.yaml' });
  return performance.now() - t;
};

describe('lint of the worst shapes', () => {
  const half = shapes(512 * 1024);
  for (const [name, text] of Object.entries(half)) {
    it(`${name}: 512 KiB lints in under 10 s`, () => {
      expect(timeOf(text)).toBeLessThan(10_000);
    }, 60_000);
  }

  it('duplicate and unknown keys cost linear time: 4x the keys take well under 16x the time', () => {
    for (const name of ['duplicate keys', 'unknown keys']) {
      const small = timeOf(shapes(64 * 1024)[name]!);
      const large = timeOf(shapes(256 * 1024)[name]!);
      expect(large / Math.max(small, 1), name).toBeLessThan(10);
    }
  }, 120_000);
});
