// Injection probes into every string field of the format (the list read from the generated JSON Schema, so a new
// field is probed as soon as it is declared): lint rejects each probe with a located error, or every target's output
// keeps it harmless: scripts pass `bash -n` and hold the probe only inside single quotes, keepalived.conf passes
// `keepalived -t` (in a namespace with the host's interfaces), nftables rulesets pass `nft -c`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { compile, hasErrors, lint } from '../../src/compile.js';
import { haveTool, runWithInterfaces } from '../real-tools.js';
import { fields, fixtures, setPath } from './generate.js';
import { validValues, type Field } from './schema-fields.js';

/** Shell, keepalived, networkd/sysctl, IOS, nft, path and unicode syntax, alone and after a valid value. */
const probes = [
  '$(touch /tmp/lvscc-pwned)',
  '`id`',
  ';reboot',
  '|cat',
  '&&id',
  "'",
  '"',
  '\\',
  '*',
  '?',
  '~root',
  '\nx',
  '\r\nx',
  '}\nvrrp_script x {',
  '{',
  '#',
  '!',
  ' x',
  '\tx',
  '=1\nnet.ipv4.ip_forward=0',
  '\n[Network]\nDNS=1.1.1.1',
  '\nno ip nat inside',
  '; flush ruleset',
  '/../../etc/passwd',
  '%n%s',
  '^',
  '\u202e',
  '\u0085',
  '\u2028',
  '\u00e9',
];

const stringFields = fields.filter((f) => f.schemas.some((s) => s.type === 'string' || typeof s.pattern === 'string'));
const scratch = mkdtempSync(join(tmpdir(), 'lvscc-injection-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * A fixture with `field` set to one of its valid values that still lints clean, or undefined. `at` picks the
 * list item and mapping key the path goes through (0: the first; 0.5: the middle one, e.g. the second member).
 */
function baseFor(field: Field): { text: string; valid: string; at: number } | undefined {
  const valid = validValues(field).filter((v): v is string => typeof v === 'string');
  for (const at of [0, 0.5]) {
    for (const fixture of fixtures) {
      for (const value of valid) {
        const data = parse(fixture.text) as Record<string, unknown>;
        if (!setPath(data, field.path, value, () => at)) continue;
        const text = stringify(data, { lineWidth: 0 });
        if (!hasErrors(lint(text, { fileName: 'probe.yaml' }).diagnostics)) return { text, valid: value, at };
      }
    }
  }
  return undefined;
}

/** The single-quoted words of a shell line removed: what is left is what the shell interprets. */
const unquoted = (line: string): string => line.replace(/'[^']*'/g, "''");
const unquotedCount = (content: string, value: string): number => content.split('\n').filter((line) => unquoted(line).includes(value)).length;

describe('injection probes into every string field', () => {
  const bases = stringFields.map((f) => ({ field: f.path.join('.'), base: baseFor(f), f }));

  it('every string field has a lint-clean base to probe', () => {
    expect(bases.filter((b) => !b.base).map((b) => b.field)).toEqual([]);
    expect(bases.length).toBeGreaterThan(20);
  });

  it('each probe is rejected with a located error, or every output keeps it harmless', () => {
    const keepalived = haveTool('keepalived', ['--version']);
    const nft = haveTool('nft', ['--version']);
    let rejected = 0;
    let accepted = 0;
    const problems: string[] = [];
    for (const { field, base, f } of bases) {
      if (!base) continue;
      const baseFiles = new Map(compile(base.text, { fileName: 'probe.yaml' }).files.map((file) => [`${file.host}/${file.path}`, file.content]));
      for (const probe of probes) {
        for (const value of [probe, `${base.valid}${probe}`]) {
          const data = parse(base.text) as Record<string, unknown>;
          setPath(data, f.path, value, () => base.at);
          const text = stringify(data, { lineWidth: 0 });
          const result = compile(text, { fileName: 'probe.yaml' });
          const what = `${field} = ${JSON.stringify(value)}`;
          if (hasErrors(result.diagnostics)) {
            rejected++;
            if (result.diagnostics.some((d) => d.severity === 'error' && !d.span)) problems.push(`${what}: an error without a location`);
            continue;
          }
          accepted++;
          const interfacesOf = new Map((result.model?.directors ?? []).map((h) => [h.name, h.interfaces.map((i) => i.name)]));
          result.files.forEach((file, n) => {
            const path = join(scratch, `${accepted}-${n}-${file.path.replace(/[^A-Za-z0-9.-]/g, '_')}`);
            if (file.path.endsWith('.sh')) {
              writeFileSync(path, file.content);
              const r = spawnSync('bash', ['-n', path], { encoding: 'utf8' });
              if (r.status !== 0) problems.push(`${what}: bash -n ${file.host}/${file.path}: ${r.stderr}`);
              // Occurrences the probe adds (a probe like `*` is in the library text already).
              const raw = unquotedCount(file.content, value) - unquotedCount(baseFiles.get(`${file.host}/${file.path}`) ?? '', value);
              if (raw > 0) problems.push(`${what}: ${raw} unquoted in ${file.host}/${file.path}`);
            } else if (keepalived && file.path.endsWith('keepalived.conf')) {
              writeFileSync(path, file.content);
              const r = runWithInterfaces(interfacesOf.get(file.host) ?? [], 'keepalived', ['-t', '-l', '-n', '-f', path]);
              if (r.status !== 0) problems.push(`${what}: keepalived -t ${file.host}: ${String(r.stderr)}`);
            } else if (nft && file.path.endsWith('.nft')) {
              writeFileSync(path, file.content);
              const r = spawnSync('nft', ['-c', '-f', path], { encoding: 'utf8' });
              if (r.status !== 0) problems.push(`${what}: nft -c ${file.host}/${file.path}: ${r.stderr}`);
            }
          });
        }
      }
    }
    console.log(`injection: ${bases.length} string fields x ${probes.length * 2} probes: ${rejected} rejected by lint, ${accepted} accepted and checked`);
    expect(problems).toEqual([]);
    expect(rejected).toBeGreaterThan(0);
  }, 600_000);
});
