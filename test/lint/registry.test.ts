// Every lint rule file is registered exactly once, reports a registered code, and has its test file.
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codes } from '../../src/diagnostics/codes.js';
import { rules } from '../../src/lint/index.js';

const ruleFiles = readdirSync('src/lint/rules')
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();

describe('lint rule registry', () => {
  it('registers one rule per file under src/lint/rules, each once', () => {
    expect(rules.length).toBe(ruleFiles.length);
    expect(new Set(rules).size).toBe(rules.length);
  });

  it('names each rule file after the registered name of its code', () => {
    const names = rules.map((rule) => codes.get(rule.code)?.name).sort();
    expect(names).toEqual(ruleFiles);
  });

  it('gives each rule its own code and a test file', () => {
    expect(new Set(rules.map((r) => r.code)).size).toBe(rules.length);
    for (const file of ruleFiles) expect(existsSync(`test/lint/rules/${file}.test.ts`), file).toBe(true);
  });
});
