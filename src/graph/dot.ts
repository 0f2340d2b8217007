// Prints a ClusterGraph as Graphviz DOT text (left to right; requests solid, replies dashed).
import type { ClusterGraph, EdgeKind, GraphNode, NodeKind } from './model.js';

/**
 * Text as a DOT quoted string, quotes included: `\` and `"` are escaped with a backslash (so no text can
 * become a Graphviz escape such as `\N`, nor end the string), a line feed becomes Graphviz's centred line
 * break `\n`, other control characters become spaces. Every ID and attribute value is printed through it.
 */
export function dotString(text: string): string {
  return `"${text.replace(/[\\"]|\p{Cc}/gu, (c) => (c === '\\' || c === '"' ? `\\${c}` : c === '\n' ? '\\n' : ' '))}"`;
}

/** A label of several lines. */
const dotLabel = (lines: readonly string[]): string => dotString(lines.join('\n'));

const NODE_STYLES: Readonly<Record<NodeKind, string>> = {
  clients: 'shape=ellipse, fillcolor="#eeeeee", color="#555555"',
  router: 'shape=box, fillcolor="#e5dbff", color="#5f3dc4"',
  director: 'shape=box, fillcolor="#d0ebff", color="#1864ab"',
  service: 'shape=box, fillcolor="#fff3bf", color="#e67700", penwidth=2',
  'real-server': 'shape=box, fillcolor="#d3f9d8", color="#2b8a3e"',
  'server-group': 'shape=box3d, fillcolor="#b2f2bb", color="#2b8a3e"',
};

const EDGE_STYLES: Readonly<Record<EdgeKind, string>> = {
  request: 'color="#1c3d5a", fontcolor="#1c3d5a", penwidth=2',
  return: 'style=dashed, color="#d9480f", fontcolor="#d9480f", penwidth=2, dir=back',
  holds: 'style=dotted, color="#868e96", fontcolor="#868e96", arrowhead=none',
};

const nodeLine = (node: GraphNode, indent: string): string => `${indent}${dotString(node.id)} [label=${dotLabel(node.lines)}, ${NODE_STYLES[node.kind]}];`;

/** The DOT text of a cluster graph, ending in a newline. */
export function renderDot(graph: ClusterGraph): string {
  const out: string[] = [
    `digraph ${dotString(graph.cluster)} {`,
    `  graph [rankdir=LR, label=${dotLabel([`cluster ${graph.cluster}`, graph.legend])}, labelloc=t, fontname="Helvetica", fontsize=16, nodesep=0.4, ranksep=1.1];`,
    '  node [style="rounded,filled", fontname="Helvetica", fontsize=12];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  const grouped = new Set(graph.groups.flatMap((g) => g.nodeIds));
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const holdsEnds = new Set(graph.edges.filter((e) => e.kind === 'holds').flatMap((e) => [e.from, e.to]));
  for (const node of graph.nodes) if (!grouped.has(node.id)) out.push(nodeLine(node, '  '));
  for (const group of graph.groups) {
    out.push(`  subgraph ${dotString(`cluster_${group.id}`)} {`);
    out.push(`    graph [label=${dotString(group.label)}, style="rounded,dashed", color="#868e96", fontsize=12];`);
    for (const id of group.nodeIds) out.push(nodeLine(byId.get(id)!, '    '));
    // Directors stand in the column of the VIPs they hold, above them, rather than a rank before them.
    const holders = group.nodeIds.filter((id) => holdsEnds.has(id));
    if (holders.length > 1) out.push(`    { rank=same; ${holders.map((id) => `${dotString(id)};`).join(' ')} }`);
    out.push('  }');
  }
  // A reply runs against the requests' left-to-right order: it is written from its head to its tail with
  // dir=back, so that dot ranks it like the request beside it and draws the arrow at the right end.
  for (const edge of graph.edges) {
    const [tail, head] = edge.kind === 'return' ? [edge.to, edge.from] : [edge.from, edge.to];
    const label = edge.label ? `label=${dotString(edge.label)}, ` : '';
    out.push(`  ${dotString(tail)} -> ${dotString(head)} [${label}${EDGE_STYLES[edge.kind]}];`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}
