// The render memo of `lvscc plan`: equal views share a text, views a template could read differently never do.
import { describe, expect, it } from 'vitest';
import { renderTemplate, withRenderMemo } from '../../src/render/handlebars.js';
import { ViewMemo, sameView } from '../../src/render/view-memo.js';
import { RenderedText } from '../../src/util/escape.js';

describe('sameView', () => {
  it('holds for views with the same values, keys and key order', () => {
    expect(sameView({ a: 1, b: ['x', null, undefined, true] }, { a: 1, b: ['x', null, undefined, true] })).toBe(true);
    expect(sameView({ t: new RenderedText('abc') }, { t: new RenderedText('abc') })).toBe(true);
  });

  it('fails for views a template can tell apart', () => {
    expect(sameView({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false); // {{#each}} order
    expect(sameView({ a: undefined }, {})).toBe(false); // strict mode refuses the missing key
    expect(sameView({ a: '1' }, { a: 1 })).toBe(false);
    expect(sameView({ a: null }, { a: undefined })).toBe(false);
    expect(sameView({ a: Number.NaN }, { a: null })).toBe(false);
    expect(sameView({ a: Number.NaN }, { a: Number.NaN })).toBe(false);
    expect(sameView([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameView({ t: new RenderedText('abc') }, { t: { text: 'abc' } })).toBe(false);
    expect(sameView({ t: new RenderedText('abc') }, { t: new RenderedText('abd') })).toBe(false);
    expect(sameView({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
  });
});

describe('ViewMemo', () => {
  it('returns the text remembered for an equal view and nothing for a different one', () => {
    const memo = new ViewMemo();
    const first = memo.get('t.hbs', { name: 'rs1', port: 80 });
    expect(first).toEqual({ hash: expect.any(Number) });
    memo.set((first as { hash: number }).hash, 't.hbs', { name: 'rs1', port: 80 }, 'text of rs1');
    expect(memo.get('t.hbs', { name: 'rs1', port: 80 })).toEqual({ text: 'text of rs1' });
    expect(memo.get('other.hbs', { name: 'rs1', port: 80 })).toEqual({ hash: expect.any(Number) });
    expect(memo.get('t.hbs', { name: 'rs1', port: 81 })).toEqual({ hash: expect.any(Number) });
  });

  it('does not remember a view holding a function or a class instance', () => {
    const memo = new ViewMemo();
    expect(memo.get('t.hbs', { f: () => 'x' })).toBeUndefined();
    expect(memo.get('t.hbs', { d: new Date(0) })).toBeUndefined();
  });
});

describe('withRenderMemo', () => {
  const view = () => ({
    header: { cluster: 'c', source: 'c.yaml' },
    host: 'lb1',
    role: 'director',
    modules: [
      { name: 'ip_vs', reason: 'IPVS' },
      { name: 'ip_vs_wlc', reason: 'its scheduler' },
    ],
  });

  it('renders as without it, and an equal view a second time gives the first text', () => {
    const plain = renderTemplate('modules-load/modules.conf.hbs', view());
    const [first, second] = withRenderMemo(() => [
      renderTemplate('modules-load/modules.conf.hbs', view()),
      renderTemplate('modules-load/modules.conf.hbs', view()),
    ]);
    expect(first).toBe(plain);
    expect(second).toBe(first);
    const changed = withRenderMemo(() => {
      renderTemplate('modules-load/modules.conf.hbs', view());
      return renderTemplate('modules-load/modules.conf.hbs', { ...view(), modules: [{ name: 'ip_vs', reason: 'IPVS' }] });
    });
    expect(changed).toContain('\nip_vs\n');
    expect(changed).not.toContain('ip_vs_wlc');
  });

  it('still throws for a view missing a field (strict mode), after an equal-looking one rendered', () => {
    expect(() =>
      withRenderMemo(() => {
        renderTemplate('modules-load/modules.conf.hbs', view());
        const { host: _, ...missing } = view();
        return renderTemplate('modules-load/modules.conf.hbs', missing);
      }),
    ).toThrow();
  });
});
