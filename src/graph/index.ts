// `lvscc graph` as a library: the cluster picture of a resolved model in Mermaid, DOT or SVG.
import { renderDot } from './dot.js';
import { renderMermaid } from './mermaid.js';
import { buildClusterGraph } from './model.js';
import type { ResolvedModel } from '../model/resolved.js';

/** The output syntaxes of `lvscc graph`. */
export const GRAPH_FORMATS = ['mermaid', 'svg', 'dot'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

/** The picture of a cluster in `format`. SVG loads the Graphviz WebAssembly module only when asked for. */
export async function renderGraph(model: ResolvedModel, format: GraphFormat): Promise<string> {
  const graph = buildClusterGraph(model);
  if (format === 'mermaid') return renderMermaid(graph);
  if (format === 'dot') return renderDot(graph);
  const { renderSvg } = await import('./svg.js');
  return renderSvg(graph);
}
