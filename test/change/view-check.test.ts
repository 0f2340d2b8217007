// The render memo skips a view's safety check only where the check cannot fail: the view equals one recorded
// after the same target's rules passed it. Any other view is checked, and an unsafe one is refused as before.
import { describe, expect, it } from 'vitest';
import { withRenderMemo } from '../../src/render/handlebars.js';
import { RenderMemo, type ViewCheck } from '../../src/render/view-memo.js';
import { contextFor } from '../../src/targets/render.js';
import { nftablesTarget } from '../../src/targets/nftables.js';
import { sysctlTarget } from '../../src/targets/sysctl.js';
import { UnsafeTokenError, assertSafeView } from '../../src/util/escape.js';
import { resolvedOf } from '../helpers.js';
import { readFileSync } from 'node:fs';

describe('RenderMemo and view checks', () => {
  const counting = () => {
    let checks = 0;
    return { check: (rules: object, view: object) => ({ rules, run: () => (checks++, assertSafeView(view, 'test view')) }), count: () => checks };
  };

  it('checks every view while recording, and on replay only those not recorded after the same rules', () => {
    const memo = new RenderMemo();
    const { check, count } = counting();
    const rules = {};
    const other = {};
    memo.render('t', { a: 'x' }, () => 'X', check(rules, { a: 'x' }));
    memo.render('t', { a: 'y' }, () => 'Y', check(rules, { a: 'y' }));
    expect(count()).toBe(2);
    memo.replay();
    // Equal view, same rules: reused unchecked.
    expect(memo.render('t', { a: 'x' }, () => 'new', check(rules, { a: 'x' }))).toBe('X');
    expect(count()).toBe(2);
    // Equal view under other rules: checked and rendered.
    expect(memo.render('t', { a: 'y' }, () => 'new', check(other, { a: 'y' }))).toBe('new');
    expect(count()).toBe(3);
  });

  it('refuses an unsafe view that differs from the recorded safe one', () => {
    const memo = new RenderMemo();
    const rules = {};
    memo.render('t', { a: 'x' }, () => 'X', { rules, run: () => assertSafeView({ a: 'x' }, 'v') });
    memo.replay();
    const unsafe = { a: 'x; rm -rf /' };
    expect(() => memo.render('t', unsafe, () => 'never', { rules, run: () => assertSafeView(unsafe, 'v') })).toThrow(UnsafeTokenError);
  });

  // nftables declares no view safety: it gets the default rules, the same object each time too.
  it.each([
    [sysctlTarget, 'fixtures/seed-tun.yaml'],
    [nftablesTarget, 'fixtures/seed-tun-nftables.yaml'],
  ] as const)("hands a target's render the same rules object on every compilation, so that replays can match (%#)", (target, fixture) => {
    const { model, plans } = resolvedOf(readFileSync(fixture, 'utf8'));
    const header = { cluster: model.cluster, source: 'test.yaml' };
    /** The rules of every rendering, and which were replayed. */
    class Watched extends RenderMemo {
      rules: (object | undefined)[] = [];
      override render(template: string, view: unknown, render: () => string, check?: ViewCheck): string {
        this.rules.push(check?.rules);
        return super.render(template, view, render, check);
      }
    }
    const memo = new Watched();
    withRenderMemo(memo, () => {
      target.render(contextFor(target, model, plans, header)!.context);
      memo.replay();
      target.render(contextFor(target, model, plans, header)!.context);
    });
    const half = memo.rules.length / 2;
    expect(half).toBeGreaterThan(0);
    for (let i = 0; i < half; i++) {
      expect(memo.rules[i]).toBeDefined();
      expect(memo.rules[half + i]).toBe(memo.rules[i]);
    }
  });
});
