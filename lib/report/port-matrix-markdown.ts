import type { PortMatrixEntry } from '../analysis/analyzer';
import { formatPortSet } from '../analysis/port-set';
import { renderMarkdownTable } from './markdown-table';

/** A Markdown table of allowed ports per ordered pair, for pull requests and wikis. */
export function renderPortMatrixMarkdown(endpoints: readonly string[], flows: readonly PortMatrixEntry[]): string {
  const n = endpoints.length;
  const summary = `${flows.length} of ${n * n} ordered pairs allow some traffic; pairs not listed allow nothing.\n`;
  if (flows.length === 0) {
    return summary;
  }
  const rows = flows.map((flow) => [`\`${flow.from}\``, `\`${flow.to}\``, formatPortSet(flow.ports)]);
  return renderMarkdownTable(['From', 'To', 'Allowed ports'], rows) + '\n' + summary;
}
