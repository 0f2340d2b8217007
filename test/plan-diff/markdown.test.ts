// The Markdown form fits a GitHub comment (65,536 characters): a large plan is cut between sections, with
// a note, and every <details> and code fence it opens is closed.
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain JavaScript bench helper without types
import { fleetTopology } from '../../bench/generate.js';
import { planChange, topologyInput } from '../../src/change/index.js';
import { GITHUB_COMMENT_LIMIT, renderPlanMarkdown } from '../../src/change/render.js';

function side(text: string) {
  const result = topologyInput(text, { fileName: 'fleet.yaml', sourceName: 'fleet.yaml', maxBytes: 16 << 20 });
  if (!('input' in result)) throw new Error(result.failed.diagnostics.map((d) => d.message).join('; '));
  return result.input;
}

const before: string = fleetTopology({ services: 60, perService: 4, hosts: 60 });
const after = (before as string).replace(/scheduler: wlc/g, 'scheduler: wrr').replace(/realServers: \[rs(\d+), /g, 'realServers: [');

describe('plan as Markdown', () => {
  const plan = planChange(side(before), side(after), { diff: true });

  it('cuts a plan larger than a GitHub comment at a section boundary, with a note', () => {
    const whole = renderPlanMarkdown(plan, Number.MAX_SAFE_INTEGER);
    expect(whole.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
    const cut = renderPlanMarkdown(plan);
    expect(cut.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(cut).toMatch(/\*\*Truncated\*\* to fit a GitHub comment \(65536 characters\): left out \d+ hosts/);
    expect(whole.startsWith(cut.slice(0, cut.lastIndexOf('\n**Truncated**')))).toBe(true);
    expect(cut.match(/<details>/g)?.length).toBe(cut.match(/<\/details>/g)?.length);
    expect((cut.match(/^```/gm)?.length ?? 0) % 2).toBe(0);
  });

  it('keeps a plan that fits whole, without a note', () => {
    const small = renderPlanMarkdown(planChange(side(before), side(before.replace('scheduler: wlc', 'scheduler: wrr'))));
    expect(small).not.toContain('Truncated');
    expect(small).toContain('| **reload** | service svc0 |');
  });

  it('cuts at any limit without exceeding it', () => {
    for (const limit of [1_000, 5_000, 20_000]) expect(renderPlanMarkdown(plan, limit).length).toBeLessThanOrEqual(limit);
  });
});
