import type { PortMatrixEntry } from '../analysis/analyzer';
import { formatPortSet } from '../analysis/port-set';
import { renderTextTable } from './text-table';

/** Every ordered pair that allows something, with what it allows; unlisted pairs allow nothing. */
export function renderPortMatrixText(endpoints: readonly string[], flows: readonly PortMatrixEntry[]): string {
  const table = flows.length === 0 ? '' : renderTextTable(
    ['FROM', 'TO', 'ALLOWED'],
    flows.map((flow) => [flow.from, flow.to, formatPortSet(flow.ports)]),
  );
  const n = endpoints.length;
  return `${table}${flows.length} of ${n * n} ordered pairs allow some traffic; pairs not listed allow nothing\n`;
}
