// Renders a ClusterGraph to SVG in-process: its DOT text laid out by Graphviz compiled to WebAssembly (@viz-js/viz).
import { instance } from '@viz-js/viz';
import { renderDot } from './dot.js';
import type { ClusterGraph } from './model.js';

/** The SVG picture of a cluster graph (Graphviz `dot` layout), ending in a newline. Same graph, same bytes. */
export async function renderSvg(graph: ClusterGraph): Promise<string> {
  const viz = await instance();
  const svg = viz.renderString(renderDot(graph), { format: 'svg', engine: 'dot' });
  return svg.endsWith('\n') ? svg : `${svg}\n`;
}
