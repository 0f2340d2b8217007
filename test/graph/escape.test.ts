// Every label is escaped for its syntax by one function per syntax, whatever the name holds (the schema
// would refuse these names; the printers must not rely on it).
import { instance } from '@viz-js/viz';
import { describe, expect, it } from 'vitest';
import { dotString, renderDot } from '../../src/graph/dot.js';
import { mermaidText, renderMermaid } from '../../src/graph/mermaid.js';
import type { ClusterGraph } from '../../src/graph/model.js';

const hostile = 'a"b\\c<d>&e#f|g`h\ni\tj';

/** A graph whose every label holds `text`. */
const graphWith = (text: string): ClusterGraph => ({
  cluster: text,
  legend: text,
  nodes: [
    { id: 'clients', kind: 'clients', lines: [text, text] },
    { id: 'service_0', kind: 'service', lines: [text] },
  ],
  edges: [
    { from: 'clients', to: 'service_0', kind: 'request', label: text },
    { from: 'service_0', to: 'clients', kind: 'return', label: text },
  ],
  groups: [{ id: 'directors', label: text, nodeIds: ['service_0'] }],
});

describe('mermaidText', () => {
  it('writes quotes, markup, entity starts, pipes and backticks as entity codes, line feeds as <br>, other controls as spaces', () => {
    expect(mermaidText(hostile)).toBe('a#34;b\\c#60;d#62;#38;e#35;f#124;g#96;h<br>i j');
  });

  it('leaves plain text alone', () => {
    expect(mermaidText('10.10.24.88:80/tcp → rs1..rs100 (weights 1-3)')).toBe('10.10.24.88:80/tcp → rs1..rs100 (weights 1-3)');
  });

  it('keeps every label of a hostile graph inside its quotes', () => {
    const text = renderMermaid(graphWith(hostile));
    // Each label is "..." with no raw quote, pipe or angle bracket inside; only <br> is markup.
    for (const line of text.split('\n').slice(2)) {
      const quoted = [...line.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
      for (const label of quoted) expect(label.replace(/<br>/g, '')).not.toMatch(/[<>|`]/);
      expect((line.match(/"/g) ?? []).length % 2).toBe(0);
    }
  });
});

describe('dotString', () => {
  it('escapes backslashes and quotes, writes line feeds as \\n and other controls as spaces', () => {
    expect(dotString(hostile)).toBe('"a\\"b\\\\c<d>&e#f|g`h\\ni j"');
  });

  it('makes Graphviz draw the exact text of a hostile label (no \\N expanded to the node name)', async () => {
    const viz = await instance();
    const result = viz.render(renderDot(graphWith('say "hi" \\N <b>')), { format: 'svg' });
    expect(result.status).toBe('success');
    const texts = [...result.output!.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toContain('say &quot;hi&quot; \\N &lt;b&gt;');
    expect(result.output).not.toContain('service_0</text>');
  });
});
