// The render memo of `lvscc plan`: equal views share a text, views a template could read differently never do.
import { describe, expect, it } from 'vitest';
import { renderTemplate, withRenderMemo } from '../../src/render/handlebars.js';
import { RenderMemo, sameView } from '../../src/render/view-memo.js';
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
    expect(sameView({ a: Number.NaN }, { a: Number.NaN })).toBe(false);
    expect(sameView([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameView({ t: new RenderedText('abc') }, { t: { text: 'abc' } })).toBe(false);
    expect(sameView({ t: new RenderedText('abc') }, { t: new RenderedText('abd') })).toBe(false);
    expect(sameView({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
  });

  it('never vouches for a function or an object that is not plain data, not even the same one', () => {
    const f = () => 'x';
    const date = new Date(0);
    expect(sameView({ f }, { f })).toBe(false);
    expect(sameView({ date }, { date })).toBe(false);
  });
});

describe('RenderMemo', () => {
  const counting = () => {
    let renders = 0;
    return { render: (text: string) => () => (renders++, text), count: () => renders };
  };

  it('replays the recorded text of an equal view in order, and renders what differs, was added or was removed', () => {
    const memo = new RenderMemo();
    const { render, count } = counting();
    for (const host of ['rs1', 'rs2', 'rs3', 'rs4']) memo.render('t.hbs', { host, weight: 1 }, render(`old ${host}`));
    expect(count()).toBe(4);
    memo.replay();
    // rs2 removed, rs3 changed, rs5 added.
    const replayed = [
      memo.render('t.hbs', { host: 'rs1', weight: 1 }, render('new rs1')),
      memo.render('t.hbs', { host: 'rs3', weight: 2 }, render('new rs3')),
      memo.render('t.hbs', { host: 'rs4', weight: 1 }, render('new rs4')),
      memo.render('t.hbs', { host: 'rs5', weight: 1 }, render('new rs5')),
      memo.render('other.hbs', { host: 'rs1', weight: 1 }, render('other rs1')),
    ];
    expect(replayed).toEqual(['old rs1', 'new rs3', 'old rs4', 'new rs5', 'other rs1']);
    expect(count()).toBe(7);
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
  const template = 'modules-load/modules.conf.hbs';

  it('renders as without it; a replayed equal view gets the recorded text, a changed one its own', () => {
    const plain = renderTemplate(template, view());
    const memo = new RenderMemo();
    const first = withRenderMemo(memo, () => renderTemplate(template, view()));
    memo.replay();
    const [same, changed] = withRenderMemo(memo, () => [
      renderTemplate(template, view()),
      renderTemplate(template, { ...view(), modules: [{ name: 'ip_vs', reason: 'IPVS' }] }),
    ]);
    expect(first).toBe(plain);
    expect(same).toBe(first);
    expect(changed).toContain('\nip_vs\n');
    expect(changed).not.toContain('ip_vs_wlc');
  });

  it('still throws for a view missing a field (strict mode)', () => {
    const memo = new RenderMemo();
    withRenderMemo(memo, () => renderTemplate(template, view()));
    memo.replay();
    const { host: _, ...missing } = view();
    expect(() => withRenderMemo(memo, () => renderTemplate(template, missing))).toThrow();
  });
});
