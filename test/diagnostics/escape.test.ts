// Control and bidi characters never reach a terminal or a report raw: human, JSON and SARIF output show them as escapes.
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/compile.js';
import { escapeInvisible } from '../../src/diagnostics/escape.js';
import { renderHuman } from '../../src/diagnostics/render-human.js';
import { renderJson } from '../../src/diagnostics/render-json.js';
import { renderSarif } from '../../src/diagnostics/render-sarif.js';

/** One of each class: RLO, LRI/PDI, RLM, ZWSP, BOM, line and paragraph separators, NEL (C1), CSI (C1), ESC and BEL (C0), DEL. */
const invisible = ['\u202e', '\u2066', '\u2069', '\u200f', '\u200b', '\ufeff', '\u2028', '\u2029', '\u0085', '\u009b', '\u001b', '\u0007', '\u007f', '\u061c'];
// eslint-disable-next-line no-control-regex
const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;

describe('escapeInvisible', () => {
  it.each(invisible)('escapes U+%s', (c) => {
    const code = c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    expect(escapeInvisible(`a${c}b`)).toBe(`a\\u{${code}}b`);
  });
  it('leaves printable text alone, non-ASCII letters included', () => {
    expect(escapeInvisible('rs1 `web` é → 名')).toBe('rs1 `web` é → 名');
  });
});

describe('every renderer escapes what a diagnostic quotes from the input', () => {
  // A duplicate key quoted in the message, and a file name, both holding every invisible character.
  const key = `lb${invisible.filter((c) => !'\u0007\u001b\u007f\u0085\u009b\u2028\u2029'.includes(c)).join('')}1`;
  const text = `version: 1\ncluster: c\ndirectors:\n  "${key}": { interfaces: { eth0: 10.0.0.1/24 } }\n  "${key}": { interfaces: { eth0: 10.0.0.2/24 } }\n`;
  const file = `top${invisible.join('')}.yaml`;
  const result = lint(text, { fileName: file });
  const duplicate = result.diagnostics.find((d) => d.code === 'LVS007');

  it('the diagnostic itself keeps the raw key (renderers escape, data stays data)', () => {
    expect(duplicate?.message).toContain('\u202e');
    expect(duplicate?.span?.line).toBe(5);
  });

  it('human output has no raw invisible character and shows the escape', () => {
    const out = renderHuman(result.diagnostics, result.source, { color: false });
    expect(out).not.toMatch(raw);
    expect(out).toContain('\\u{202E}');
    expect(out).toContain('\\u{0085}');
  });

  it.each([
    ['JSON', () => renderJson(result.diagnostics, file)],
    ['SARIF', () => renderSarif(result.diagnostics, file, '0.0.0')],
  ])('%s output has no raw character, and its message text shows the escape', (_name, render) => {
    const out = render();
    // Not even as a JSON \u escape: the message text itself must read `\u{202E}` once parsed.
    expect(out).not.toMatch(raw);
    expect(out).not.toMatch(/\\u(?:202[8-9a-eA-E]|200[b-fB-F]|0085|001[bB])/);
    const parsed = JSON.stringify(JSON.parse(out));
    expect(parsed).toContain('\\\\u{202E}');
  });

  it('SARIF keeps the real file name in the artifact URI, percent-encoded', () => {
    const log = JSON.parse(renderSarif(result.diagnostics, file, '0.0.0')) as { runs: { artifacts: { location: { uri: string } }[] }[] };
    expect(log.runs[0]!.artifacts[0]!.location.uri).toContain('%E2%80%AE');
  });
});
