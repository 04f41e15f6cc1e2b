import type { PortMatrixEntry } from '../analysis/analyzer';
import { PolicyDiff } from '../analysis/diff';
import { formatPortSet } from '../analysis/port-set';
import { renderMarkdownTable } from './table';

function section(title: string, flows: readonly PortMatrixEntry[]): string {
  if (flows.length === 0) {
    return `### ${title} (0)\n\nNone.\n`;
  }
  const rows = flows.map((flow) => [`\`${flow.from}\``, `\`${flow.to}\``, formatPortSet(flow.ports)]);
  return `### ${title} (${flows.length})\n\n${renderMarkdownTable(['From', 'To', 'Ports'], rows)}`;
}

/** A review comment: added flows first (what a reviewer must approve), then removed ones. */
export function renderDiffMarkdown(diff: PolicyDiff): string {
  return `${section('Added flows', diff.added)}\n${section('Removed flows', diff.removed)}`;
}
