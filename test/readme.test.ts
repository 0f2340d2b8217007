// The README's rules table lists every registered code with its registered name and severity.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codes } from '../src/diagnostics/codes.js';

const readme = readFileSync('README.md', 'utf8');

describe('README', () => {
  it('lists every diagnostic code in the rules table', () => {
    const rows = new Map(
      [...readme.matchAll(/^\| (LVS\d{3}) \| ([a-z0-9-]+) \| (error|warning|note) \| (.+) \|$/gm)].map((m) => [m[1], { name: m[2], severity: m[3] }]),
    );
    for (const info of codes.values()) {
      expect(rows.get(info.code), info.code).toEqual({ name: info.name, severity: info.severity });
    }
    expect(rows.size).toBe(codes.size);
  });

  it('has the quick-start lines that .ci/run and new users rely on', () => {
    expect(readme).toContain('npm ci && npm run build && ./bin/run.js build fixtures/seed-tun.yaml -o out');
    expect(readme).toContain('\nnpm test\n');
  });
});
