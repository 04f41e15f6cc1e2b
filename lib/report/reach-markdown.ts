import { ReachResult } from '../analysis/types';
import { renderMarkdownTable } from './markdown-table';
import { formatProbe } from './probe-text';

/** The allowed pairs of one probe as a Markdown table. */
export function renderReachMarkdown(result: ReachResult): string {
  const n = result.endpoints.length;
  const summary = `${result.allowed.length} of ${n * n} ordered pairs allowed on ${formatProbe(result)}.\n`;
  if (result.allowed.length === 0) {
    return summary;
  }
  const rows = result.allowed.map(([from, to]) => [`\`${from}\``, `\`${to}\``]);
  return renderMarkdownTable(['From', 'To'], rows) + '\n' + summary;
}
