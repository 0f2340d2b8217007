// Hostile names and values never reach a generated file: the schema or lint rejects them first,
// the CLI then writes nothing, and no path ever leaves the output directory.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';

const seed = readFileSync('fixtures/seed-tun.yaml', 'utf8');
const hostile = ['a"b', "a'b", '$(reboot)', '`id`', 'a;b', 'a b', '../../etc', '..', 'a{b}', 'a#b', 'a!b', 'a\\b', 'a@b', 'a\tb', '-rf', 'a/b'];

/** Each case replaces one value of the seed topology; JSON.stringify writes it as a YAML double-quoted string. */
const positions: [string, (v: string) => string][] = [
  ['cluster name', (v) => seed.replace('cluster: web-tun', `cluster: ${JSON.stringify(v)}`)],
  ['director name', (v) => seed.replace('  lvs:\n', `  ${JSON.stringify(v)}:\n`)],
  ['real server name', (v) => seed.replace('  rs3: {', `  ${JSON.stringify(v)}: {`).replace('[rs1, rs2, rs3]', `[rs1, rs2, ${JSON.stringify(v)}]`)],
  ['service name', (v) => seed.replace('  http:\n', `  ${JSON.stringify(v)}:\n`)],
  ['interface name', (v) => seed.replace('rs1: { interfaces: { eth0:', `rs1: { interfaces: { ${JSON.stringify(v)}:`)],
  ['router interface', (v) => seed.replace('interface: GigabitEthernet0/1', `interface: ${JSON.stringify(v)}`)],
  ['router name', (v) => seed.replace('name: edge', `name: ${JSON.stringify(v)}`)],
  ['VIP', (v) => seed.replace('vip: 10.10.24.88', `vip: ${JSON.stringify(v)}`)],
  ['gateway', (v) => seed.replace('gateway: 10.10.24.1 ', `gateway: ${JSON.stringify(v)} `)],
  ['scheduler', (v) => seed.replace('scheduler: rr', `scheduler: ${JSON.stringify(v)}`)],
];

describe('hostile input', () => {
  for (const [where, place] of positions) {
    it(`rejects every hostile value as ${where}`, () => {
      // IOS interface names contain a slash (GigabitEthernet0/1): there it is a legitimate character.
      const values = [...hostile, 'x\ny', 'x\u0000y'].filter((v) => !(where === 'router interface' && v === 'a/b'));
      for (const value of values) {
        const text = place(value);
        expect(text, `${where} was not substituted`).not.toBe(seed);
        const result = compile(text, { fileName: 'hostile.yaml' });
        expect(result.files, `${where} = ${JSON.stringify(value)}`).toEqual([]);
        expect(
          result.diagnostics.some((d) => d.severity === 'error'),
          `${where} = ${JSON.stringify(value)}`,
        ).toBe(true);
      }
    });
  }

  const root = mkdtempSync(join(tmpdir(), 'lvscc-hostile-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('the CLI writes nothing, anywhere, for a hostile topology', () => {
    const input = join(root, 'hostile.yaml');
    writeFileSync(input, seed.replace('  rs3: {', '  "../../../escape": {').replace('[rs1, rs2, rs3]', '[rs1, rs2, "../../../escape"]'));
    const out = join(root, 'deep', 'out');
    const before = readdirSync(root).sort();
    const r = spawnSync(process.execPath, ['bin/run.js', 'build', input, '-o', out], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('LVS106'); // diagnostics go to stdout in every command
    expect(r.stderr).toContain('nothing was written');
    expect(existsSync(join(root, 'deep'))).toBe(false);
    expect(readdirSync(root).sort()).toEqual(before);
  });
});
