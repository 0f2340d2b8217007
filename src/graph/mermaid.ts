// Prints a ClusterGraph as Mermaid `flowchart LR` text, which GitHub renders in Markdown.
import type { ClusterGraph, EdgeKind, GraphNode, NodeKind } from './model.js';

/** Characters Mermaid would read inside a quoted label, written as its entity codes (`#34;` is `"`). */
const MERMAID_ENTITIES: Readonly<Record<string, string>> = { '#': '#35;', '"': '#34;', '&': '#38;', '<': '#60;', '>': '#62;', '|': '#124;', '`': '#96;' };

/**
 * Text as the inside of a Mermaid quoted string: `#`, `"`, `&`, `<`, `>`, `|` and the backtick become
 * entity codes (so no text can close the string, start HTML or Markdown, or forge an entity), a line feed
 * becomes Mermaid's line break `<br>`, other control characters become spaces. Quote the result: `["…"]`.
 */
export function mermaidText(text: string): string {
  return text.replace(/[#"&<>|`]|\p{Cc}/gu, (c) => MERMAID_ENTITIES[c] ?? (c === '\n' ? '<br>' : ' '));
}

/** The quoted label of a node, one line per fact. */
const nodeLabel = (node: GraphNode): string => `"${mermaidText(node.lines.join('\n'))}"`;

/** The bracket pair of each kind's shape. */
const SHAPES: Readonly<Record<NodeKind, [string, string]>> = {
  clients: ['([', '])'],
  router: ['{{', '}}'],
  director: ['[', ']'],
  service: ['[[', ']]'],
  'real-server': ['[', ']'],
  'server-group': ['[/', '\\]'],
};

/** Fill and stroke of each kind (the same palette as the Graphviz output). */
const CLASS_STYLES: Readonly<Record<NodeKind, string>> = {
  clients: 'fill:#eeeeee,stroke:#555555',
  router: 'fill:#e5dbff,stroke:#5f3dc4',
  director: 'fill:#d0ebff,stroke:#1864ab',
  service: 'fill:#fff3bf,stroke:#e67700',
  'real-server': 'fill:#d3f9d8,stroke:#2b8a3e',
  'server-group': 'fill:#b2f2bb,stroke:#2b8a3e',
};

const ARROWS: Readonly<Record<EdgeKind, string>> = { request: '-->', return: '-.->', holds: '-.-' };
const LINK_STYLES: Readonly<Record<EdgeKind, string>> = {
  request: 'stroke:#1c3d5a,stroke-width:2px',
  return: 'stroke:#d9480f,stroke-width:2px,stroke-dasharray:6 4',
  holds: 'stroke:#868e96,stroke-width:1px,stroke-dasharray:2 3',
};

const className = (kind: NodeKind): string => kind.replace('-', '_');

/** The Mermaid text of a cluster graph, ending in a newline. */
export function renderMermaid(graph: ClusterGraph): string {
  const out: string[] = ['flowchart LR', `  %% lvscc graph of cluster ${mermaidText(graph.cluster)}: ${graph.legend}`];
  const grouped = new Set(graph.groups.flatMap((g) => g.nodeIds));
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const declare = (node: GraphNode, indent: string): void => {
    const [open, close] = SHAPES[node.kind];
    out.push(`${indent}${node.id}${open}${nodeLabel(node)}${close}`);
  };
  for (const node of graph.nodes) if (!grouped.has(node.id)) declare(node, '  ');
  for (const group of graph.groups) {
    out.push(`  subgraph ${group.id} ["${mermaidText(group.label)}"]`);
    for (const id of group.nodeIds) declare(byId.get(id)!, '    ');
    out.push('  end');
  }
  for (const edge of graph.edges) out.push(`  ${edge.from} ${ARROWS[edge.kind]}${edge.label ? `|"${mermaidText(edge.label)}"|` : ''} ${edge.to}`);
  const kinds = [...new Set(graph.nodes.map((n) => n.kind))];
  for (const kind of kinds) out.push(`  classDef ${className(kind)} ${CLASS_STYLES[kind]}`);
  for (const kind of kinds)
    out.push(
      `  class ${graph.nodes
        .filter((n) => n.kind === kind)
        .map((n) => n.id)
        .join(',')} ${className(kind)}`,
    );
  for (const kind of ['request', 'return', 'holds'] as const) {
    const indexes = graph.edges.flatMap((e, i) => (e.kind === kind ? [i] : []));
    if (indexes.length) out.push(`  linkStyle ${indexes.join(',')} ${LINK_STYLES[kind]}`);
  }
  return `${out.join('\n')}\n`;
}
