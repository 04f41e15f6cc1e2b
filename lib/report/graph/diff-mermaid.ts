import { FlowChange, TrafficDiff } from '../../analysis';
import { compareText, parseEndpointId } from '../../model';
import type { GraphNode } from './graph-model';
import { mermaidId, mermaidLabel, mermaidNodeLines } from './mermaid';

/** How each kind of change is drawn: its mark, its arrow and its colour. */
const KINDS = [
  { key: 'added', mark: '+', arrow: '-->', colour: '#1a7f37' },
  { key: 'removed', mark: '-', arrow: '-.->', colour: '#cf222e' },
  { key: 'changed', mark: '~', arrow: '==>', colour: '#9a6700' },
] as const;

/** At most this many arrows per picture: beyond it the picture folds to namespaces, then stops drawing. */
export const MAX_DIFF_ARROWS = 60;

interface Arrow {
  readonly from: string;
  readonly to: string;
  readonly kind: (typeof KINDS)[number];
  readonly label: string;
  /** The flows it stands for. */
  readonly count: number;
}

function nodeOf(id: string, outside: boolean): GraphNode {
  return outside ? { id, name: id, ingressPolicies: [], egressPolicies: [] } : { id, ...parseEndpointId(id), ingressPolicies: [], egressPolicies: [] };
}

function ends(change: FlowChange): { from: GraphNode; to: GraphNode } {
  return { from: nodeOf(change.from, change.outside?.end === 'from'), to: nodeOf(change.to, change.outside?.end === 'to') };
}

/**
 * The Mermaid picture of what changed, each arrow labelled with `format` of its flow (the flows added, removed and changed; a pod's flows to
 * itself left out): one arrow per flow between the workloads, grouped by namespace, `+` solid
 * green, `-` dotted red, `~` thick amber. Over MAX_DIFF_ARROWS flows it folds to one node per
 * namespace (an arrow per pair of namespaces and kind, with the number of flows); what still
 * does not fit is not drawn, and `undrawn` says how many. Empty when nothing changed.
 */
export function renderDiffMermaid(diff: TrafficDiff, format: (change: FlowChange) => string): { readonly text: string; readonly undrawn: number } {
  const changes = KINDS.flatMap((kind) => diff[kind.key].filter((change) => change.from !== change.to).map((change) => ({ kind, change })));
  if (changes.length === 0) {
    return { text: '', undrawn: 0 };
  }
  const nodes = new Map<string, GraphNode>();
  let arrows: Arrow[];
  if (changes.length <= MAX_DIFF_ARROWS) {
    arrows = changes.map(({ kind, change }) => {
      const { from, to } = ends(change);
      nodes.set(from.id, from).set(to.id, to);
      return { from: from.id, to: to.id, kind, label: `${kind.mark} ${format(change)}`, count: 1 };
    });
  } else {
    const unit = (node: GraphNode): GraphNode => (node.namespace === undefined ? node : { id: node.namespace, namespace: node.namespace, name: node.namespace, ingressPolicies: [], egressPolicies: [] });
    const folded = new Map<string, { from: string; to: string; kind: Arrow['kind']; count: number }>();
    for (const { kind, change } of changes) {
      const { from, to } = ends(change);
      const [a, b] = [unit(from), unit(to)];
      nodes.set(a.id, a).set(b.id, b);
      const key = `${kind.key}\n${a.id}\n${b.id}`;
      const entry = folded.get(key) ?? { from: a.id, to: b.id, kind, count: 0 };
      entry.count++;
      folded.set(key, entry);
    }
    arrows = [...folded.values()].map((entry) => ({ ...entry, label: `${entry.kind.mark} ${entry.count} ${entry.count === 1 ? 'flow' : 'flows'}` }));
  }
  const drawn = arrows.slice(0, MAX_DIFF_ARROWS);
  const used = new Set(drawn.flatMap((arrow) => [arrow.from, arrow.to]));
  const lines = ['flowchart LR', ...mermaidNodeLines([...nodes.values()].filter((node) => used.has(node.id)).sort((a, b) => compareText(a.id, b.id)))];
  drawn.forEach((arrow) => lines.push(`  ${mermaidId('n', arrow.from)} ${arrow.kind.arrow}|${mermaidLabel(arrow.label)}| ${mermaidId('n', arrow.to)}`));
  for (const kind of KINDS) {
    const indexes = drawn.flatMap((arrow, index) => (arrow.kind === kind ? [index] : []));
    if (indexes.length > 0) {
      lines.push(`  linkStyle ${indexes.join(',')} stroke:${kind.colour}`);
    }
  }
  const undrawn = arrows.slice(MAX_DIFF_ARROWS).reduce((sum, arrow) => sum + arrow.count, 0);
  return { text: lines.join('\n') + '\n', undrawn };
}
