// `lvscc lint --format sarif` output checked against the official SARIF 2.1.0 JSON Schema
// (sarif-2.1.0-rtm.5.json, shipped in the @microsoft/jest-sarif package; draft-04, so ajv-draft-04).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/compile.js';
import { renderSarif } from '../../src/diagnostics/render-sarif.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
// Both packages are CommonJS with `exports.default`: the default import is the module object.
const Ajv04 = Ajv04Module.default;
const addFormats = addFormatsModule.default;

const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
// unicodeRegExp: false because the schema's `language` pattern has a stray `]` that only non-unicode regexps accept.
const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);

function expectValidSarif(log: unknown): void {
  const valid = validateSarif(log);
  expect(valid ? [] : validateSarif.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
}

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; name: string }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
      relatedLocations?: { physicalLocation: { region: { startLine: number } } }[];
    }[];
  }[];
}

describe('SARIF output', () => {
  it('validates for fixtures/seed-literal.yaml through the CLI, with each finding at its line', () => {
    const run = spawnSync(process.execPath, ['bin/run.js', 'lint', 'fixtures/seed-literal.yaml', '--format', 'sarif'], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(1);
    const log = JSON.parse(run.stdout) as SarifLog;
    expectValidSarif(log);
    expect(log.version).toBe('2.1.0');
    const [sarifRun] = log.runs;
    expect(sarifRun!.tool.driver.name).toBe('lvscc');
    const lvs201 = sarifRun!.results.find((r) => r.ruleId === 'LVS201')!;
    expect(lvs201.level).toBe('error');
    expect(lvs201.locations[0]!.physicalLocation.artifactLocation.uri).toBe('fixtures/seed-literal.yaml');
    expect(lvs201.locations[0]!.physicalLocation.region).toMatchObject({ startLine: 19, startColumn: 30 });
    expect(lvs201.relatedLocations?.map((r) => r.physicalLocation.region.startLine)).toEqual([18]);
    for (const result of sarifRun!.results) expect(sarifRun!.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
  });

  it('validates with no findings, with a whole-file finding, and for awkward file names', () => {
    const clean = lint(readFileSync(`${root}fixtures/seed-tun.yaml`), { fileName: 'fixtures/seed-tun.yaml' });
    const cleanLog = JSON.parse(renderSarif(clean.diagnostics, clean.source.name, '0.0.0')) as SarifLog;
    expectValidSarif(cleanLog);
    expect(cleanLog.runs[0]!.results).toEqual([]);

    const tooBig = lint('x'.repeat(20), { fileName: 'big.yaml', maxBytes: 10 });
    expectValidSarif(JSON.parse(renderSarif(tooBig.diagnostics, tooBig.source.name, '0.0.0')));

    for (const name of ['my topology.yaml', 'C:\\sites\\web#1.yaml', '/srv/lvs/top?.yaml', 'tüpology.yaml']) {
      const result = lint('version: 2\n', { fileName: name });
      const log = JSON.parse(renderSarif(result.diagnostics, result.source.name, '0.0.0')) as SarifLog;
      expectValidSarif(log);
      const uri = log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri;
      expect(decodeURI(uri).replace(/%23/g, '#').replace(/%3F/g, '?')).toBe(name.replace(/\\/g, '/'));
    }
  });
});
