import { PolicyDiff } from '../analysis/diff';
import { formatPortSet } from '../analysis/port-set';
import { renderTextTable } from './table';

/** `+` lines for flows the new policies allow, `-` lines for flows they no longer allow. */
export function renderDiffText(diff: PolicyDiff): string {
  const rows = [
    ...diff.added.map((flow) => ['+', flow.from, '->', flow.to, formatPortSet(flow.ports)]),
    ...diff.removed.map((flow) => ['-', flow.from, '->', flow.to, formatPortSet(flow.ports)]),
  ];
  const table = rows.length === 0 ? 'no change in allowed traffic\n' : renderTextTable(['', 'FROM', '', 'TO', 'PORTS'], rows);
  return `${table}${diff.added.length} flows added, ${diff.removed.length} removed\n`;
}
