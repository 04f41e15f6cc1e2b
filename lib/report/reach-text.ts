import { ReachResult } from '../analysis/types';
import { formatProbe } from './probe-text';
import { renderTextTable } from './text-table';

/** Above this many endpoints a matrix stops being readable and the report lists allowed pairs. */
export const MATRIX_LIMIT = 16;

const ALLOWED = '.';
const DENIED = 'X';

/** The e2e suite's truth table: rows are sources, columns destinations. */
function renderMatrix(result: ReachResult): string {
  const allowed = new Set(result.allowed.map(([from, to]) => `${from}\n${to}`));
  const rows = result.endpoints.map((from) => [
    from,
    ...result.endpoints.map((to) => (allowed.has(`${from}\n${to}`) ? ALLOWED : DENIED)),
  ]);
  const legend = `legend: ${ALLOWED} allowed, ${DENIED} denied; rows are sources (from), columns destinations (to)\n`;
  return renderTextTable([`from\\to ${formatProbe(result)}`, ...result.endpoints], rows) + legend;
}

function renderList(result: ReachResult): string {
  const rows = result.allowed.map(([from, to]) => [from, '->', to]);
  return rows.length === 0 ? '' : renderTextTable(['FROM', '', 'TO'], rows);
}

/**
 * Who can reach whom on one port: a truth table for small sets, the allowed pairs for large
 * ones; both end with a count.
 */
export function renderReachText(result: ReachResult): string {
  const n = result.endpoints.length;
  const body = n <= MATRIX_LIMIT ? renderMatrix(result) : renderList(result);
  return `${body}${result.allowed.length} of ${n * n} ordered pairs allowed on ${formatProbe(result)}\n`;
}
