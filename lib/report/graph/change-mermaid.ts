import { compareText } from '../../model';
import { markdownCodeBlock } from '../escape';
import type { GraphNode } from './graph-model';
import { mermaidId, mermaidLabel, mermaidNodeLines } from './mermaid';

/** How each kind of change is drawn: its arrow and its colour. */
const STYLES = {
  added: { arrow: '-->', colour: '#1a7f37' },
  removed: { arrow: '-.->', colour: '#cf222e' },
  changed: { arrow: '==>', colour: '#9a6700' },
} as const;

/** What an arrow of a change picture says: added (solid green), removed or denied (dotted red), changed (thick amber). */
export type ChangeStyle = keyof typeof STYLES;

/** One flow of a change picture. */
export interface ChangeArrow {
  readonly from: GraphNode;
  readonly to: GraphNode;
  readonly style: ChangeStyle;
  /** Its label, e.g. `+ TCP 5432`. */
  readonly label: string;
  /** What the arrow of a folded picture counts it as, e.g. `+`: `+ 3 flows`. */
  readonly mark: string;
}

/** At most this many arrows per picture: beyond it the picture folds to namespaces, then stops drawing. */
export const MAX_CHANGE_ARROWS = 60;

interface Drawn {
  readonly from: string;
  readonly to: string;
  readonly style: ChangeStyle;
  readonly label: string;
  /** The flows it stands for. */
  readonly count: number;
}

/** The namespace's node for an endpoint; an outside node stays itself. */
function namespaceNode(node: GraphNode): GraphNode {
  return node.namespace === undefined ? node : { id: node.namespace, namespace: node.namespace, name: node.namespace, ingressPolicies: [], egressPolicies: [] };
}

/**
 * A Mermaid picture of flows that changed (a diff's added, removed and changed flows; an
 * audit's denied ones): one arrow per flow, the workloads grouped by namespace. Over
 * MAX_CHANGE_ARROWS flows it folds to one node per namespace, an arrow per pair of namespaces
 * and style counting its flows; what still does not fit is not drawn, and `undrawn` says how
 * many flows that leaves out. Empty text for no arrows.
 */
export function renderChangeMermaid(arrows: readonly ChangeArrow[]): { readonly text: string; readonly undrawn: number } {
  if (arrows.length === 0) {
    return { text: '', undrawn: 0 };
  }
  const nodes = new Map<string, GraphNode>();
  let drawn: Drawn[];
  if (arrows.length <= MAX_CHANGE_ARROWS) {
    drawn = arrows.map(({ from, to, style, label }) => {
      nodes.set(from.id, from).set(to.id, to);
      return { from: from.id, to: to.id, style, label, count: 1 };
    });
  } else {
    const folded = new Map<string, Drawn & { mark: string }>();
    for (const arrow of arrows) {
      const [from, to] = [namespaceNode(arrow.from), namespaceNode(arrow.to)];
      nodes.set(from.id, from).set(to.id, to);
      const key = `${arrow.style}\n${from.id}\n${to.id}`;
      const entry = folded.get(key) ?? { from: from.id, to: to.id, style: arrow.style, mark: arrow.mark, label: '', count: 0 };
      folded.set(key, { ...entry, count: entry.count + 1 });
    }
    drawn = [...folded.values()].map((entry) => ({ ...entry, label: `${entry.mark} ${entry.count} ${entry.count === 1 ? 'flow' : 'flows'}` }));
  }
  const shown = drawn.slice(0, MAX_CHANGE_ARROWS);
  const used = new Set(shown.flatMap((arrow) => [arrow.from, arrow.to]));
  const lines = ['flowchart LR', ...mermaidNodeLines([...nodes.values()].filter((node) => used.has(node.id)).sort((a, b) => compareText(a.id, b.id)))];
  shown.forEach((arrow) => lines.push(`  ${mermaidId('n', arrow.from)} ${STYLES[arrow.style].arrow}|${mermaidLabel(arrow.label)}| ${mermaidId('n', arrow.to)}`));
  for (const style of Object.keys(STYLES) as ChangeStyle[]) {
    const indexes = shown.flatMap((arrow, index) => (arrow.style === style ? [index] : []));
    if (indexes.length > 0) {
      lines.push(`  linkStyle ${indexes.join(',')} stroke:${STYLES[style].colour}`);
    }
  }
  const undrawn = drawn.slice(MAX_CHANGE_ARROWS).reduce((sum, arrow) => sum + arrow.count, 0);
  return { text: lines.join('\n') + '\n', undrawn };
}

/** The picture as Markdown lines (a `mermaid` code block, then how many flows it leaves out); none for no arrows. */
export function changePictureMarkdown(arrows: readonly ChangeArrow[]): string[] {
  const picture = renderChangeMermaid(arrows);
  if (picture.text === '') {
    return [];
  }
  const undrawn = picture.undrawn > 0 ? ['', `_${picture.undrawn.toLocaleString('en-US')} more flows are not drawn; the tables list them._`] : [];
  return ['', markdownCodeBlock('mermaid', picture.text.trimEnd()), ...undrawn];
}
