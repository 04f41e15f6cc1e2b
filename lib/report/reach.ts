import { PortMatrixEntry, PortSet, ReachResult, formatPortSet, formatProbe, isEmptyPortSet } from '../analysis';
import { markdownCode, markdownText, terminalJson } from './escape';
import { renderMarkdownTable, renderTextTable } from './table';

/**
 * Who can reach whom (workflows reachOnPort and reachOnAllPorts): the pairs allowed on one
 * port, or the port matrix of every allowed port per pair; as text, JSON, Markdown or counts.
 */

/** Above this many endpoints a matrix stops being readable and the report lists allowed pairs. */
export const MATRIX_LIMIT = 16;

const ALLOWED = '.';
const DENIED = 'X';
const AMBIGUOUS = '?';

/** The e2e suite's truth table: rows are sources, columns destinations. */
function renderMatrix(result: ReachResult): string {
  const allowed = new Set(result.allowed.map(([from, to]) => `${from}\n${to}`));
  const ambiguous = new Set((result.ambiguous ?? []).map(([from, to]) => `${from}\n${to}`));
  const mark = (pair: string): string => (allowed.has(pair) ? ALLOWED : ambiguous.has(pair) ? AMBIGUOUS : DENIED);
  const rows = result.endpoints.map((from) => [from, ...result.endpoints.map((to) => mark(`${from}\n${to}`))]);
  const ambiguousLegend = result.ambiguous ? `, ${AMBIGUOUS} ambiguous` : '';
  const legend = `legend: ${ALLOWED} allowed, ${DENIED} denied${ambiguousLegend}; rows are sources (from), columns destinations (to)\n`;
  return renderTextTable([`from\\to ${formatProbe(result)}`, ...result.endpoints], rows) + legend;
}

function renderList(result: ReachResult): string {
  const rows = [...result.allowed.map(([from, to]) => [from, '->', to]), ...(result.ambiguous ?? []).map(([from, to]) => [from, '?>', to])];
  return rows.length === 0 ? '' : renderTextTable(['FROM', '', 'TO'], rows);
}

/**
 * Who can reach whom on one port: a truth table for small sets, the allowed pairs for large
 * ones; both end with a count.
 */
export function renderReachText(result: ReachResult): string {
  const n = result.endpoints.length;
  const body = n <= MATRIX_LIMIT ? renderMatrix(result) : renderList(result);
  return `${body}${result.allowed.length} of ${n * n} ordered pairs allowed on ${formatProbe(result)}${ambiguousNote(result)}\n`;
}

/** `; 2 ambiguous (...)` when the admin tiers leave some verdicts undefined. */
function ambiguousNote(result: ReachResult): string {
  return result.ambiguous
    ? `; ${result.ambiguous.length} ambiguous (the network-policy-api leaves their verdict undefined: see netpol explain)`
    : '';
}

/** `{"port", "protocol", "endpoints", "allowed"}`: every allowed ordered pair, machine-readable. */
export function renderReachJson(result: ReachResult, extra: object = {}): string {
  const data = {
    port: result.port,
    protocol: result.protocol,
    endpoints: result.endpoints,
    allowed: result.allowed,
    ...(result.ambiguous ? { ambiguous: result.ambiguous } : {}),
    ...extra,
  };
  return terminalJson(JSON.stringify(data, null, 2)) + '\n';
}

/**
 * `{"endpoints": E, "allowed": K}`, with `"ambiguous": A` when some pairs have an ambiguous
 * verdict: counts only, for dashboards and quick checks. Takes the counts (workflows
 * countReachOnPort, countReachOnAllPorts) or a ReachResult (pairs allowed on one port).
 */
export function renderReachSummary(result: {
  readonly endpoints: readonly string[] | number;
  readonly allowed: readonly unknown[] | number;
  readonly ambiguous?: readonly unknown[] | number;
}): string {
  const count = (counted: readonly unknown[] | number) => (typeof counted === 'number' ? counted : counted.length);
  const ambiguous = result.ambiguous !== undefined && count(result.ambiguous) > 0 ? { ambiguous: count(result.ambiguous) } : {};
  return JSON.stringify({ endpoints: count(result.endpoints), allowed: count(result.allowed), ...ambiguous }) + '\n';
}

/** `N of M ordered pairs allow some traffic; pairs not listed allow nothing`, with the ambiguous pairs when there are any. */
function portMatrixSummary(endpoints: readonly string[], flows: readonly PortMatrixEntry[]): string {
  const allowed = flows.filter((flow) => !isEmptyPortSet(flow.ports)).length;
  const ambiguous = flows.filter((flow) => flow.ambiguousPorts !== undefined).length;
  const n = endpoints.length;
  const unclear = ambiguous > 0 ? `; ${ambiguous} with an ambiguous verdict on some port (the network-policy-api leaves it undefined: see netpol explain)` : '';
  return `${allowed} of ${n * n} ordered pairs allow some traffic${unclear}; pairs not listed allow nothing`;
}

/** The allowed pairs of one probe as a Markdown table. */
export function renderReachMarkdown(result: ReachResult): string {
  const n = result.endpoints.length;
  const summary = `${result.allowed.length} of ${n * n} ordered pairs allowed on ${formatProbe(result)}${ambiguousNote(result)}.\n`;
  if (result.allowed.length === 0 && !result.ambiguous) {
    return summary;
  }
  const rows = result.allowed.map(([from, to]) => [markdownCode(from), markdownCode(to)]);
  const ambiguousRows = (result.ambiguous ?? []).map(([from, to]) => [markdownCode(from), markdownCode(to), 'ambiguous']);
  return ambiguousRows.length === 0
    ? renderMarkdownTable(['From', 'To'], rows) + '\n' + summary
    : renderMarkdownTable(['From', 'To', 'Verdict'], [...rows.map((row) => [...row, 'allowed']), ...ambiguousRows]) + '\n' + summary;
}

/** One flow as JSON: the readable port text and the exact ranges per protocol. */
export function portFlowJson(flow: PortMatrixEntry): object {
  const ambiguous = flow.ambiguousPorts ? { ambiguousPorts: formatPortSet(flow.ambiguousPorts), ambiguousRanges: flow.ambiguousPorts } : {};
  return { from: flow.from, to: flow.to, ports: formatPortSet(flow.ports), ranges: flow.ports, ...ambiguous };
}

/** Every ordered pair that allows something, with what it allows; unlisted pairs allow nothing. */
export function renderPortMatrixText(endpoints: readonly string[], flows: readonly PortMatrixEntry[]): string {
  const ambiguous = flows.some((flow) => flow.ambiguousPorts);
  const table = flows.length === 0 ? '' : renderTextTable(
    ['FROM', 'TO', 'ALLOWED', ...(ambiguous ? ['AMBIGUOUS'] : [])],
    flows.map((flow) => [flow.from, flow.to, formatPortSet(flow.ports), ...(ambiguous ? [flow.ambiguousPorts ? formatPortSet(flow.ambiguousPorts) : ''] : [])]),
  );
  return `${table}${portMatrixSummary(endpoints, flows)}\n`;
}

/** Where the JSON goes: a stream or anything with the same `write`. */
export interface TextSink {
  write(text: string): unknown;
}

/** A sink that writes JSON text with its raw control characters escaped (terminalJson). */
function terminalJsonSink(sink: TextSink): TextSink {
  return { write: (text) => sink.write(terminalJson(text)) };
}

/** Output goes out in pieces of about this many characters: a large cluster's listing is tens of MB. */
const CHUNK_LENGTH = 1 << 16;

/** `JSON.stringify(value, null, 2)` as it reads nested at `indent`. */
function nestedJson(value: unknown, indent: string): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
}

/**
 * A flow's text after its `to` line, as an entry of `allowed`: it depends only on the
 * ports, so it is made once per PortSet object.
 */
function textAfterTo(flow: PortMatrixEntry): string {
  const text = nestedJson(portFlowJson(flow), '    ');
  // The first line at this depth naming `to` is the key: strings cannot hold a raw newline.
  const toLine = `\n      "to": ${JSON.stringify(flow.to)},`;
  return text.slice(text.indexOf(toLine) + toLine.length);
}

/**
 * Writes renderPortMatrixJson's text in chunks, byte for byte
 * `JSON.stringify({ endpoints, allowed: flows.map(portFlowJson) }, null, 2)` and a newline,
 * without building the whole text or an object per flow.
 */
export function writePortMatrixJson(endpoints: readonly string[], flows: readonly PortMatrixEntry[], sink: TextSink, extra: object = {}): void {
  const escaped = terminalJsonSink(sink);
  let chunk = `{\n  "endpoints": ${nestedJson(endpoints, '  ')},\n  "allowed": [`;
  const tails = new Map<PortSet, string>();
  const quoted = new Map<string, string>();
  // Flows come grouped by source: the text up to `to` is made once per run of one source.
  let from: string | undefined;
  let head = '';
  let separator = '\n';
  for (const flow of flows) {
    // A flow with ambiguous ports has its own tail.
    let tail = flow.ambiguousPorts ? textAfterTo(flow) : tails.get(flow.ports);
    if (tail === undefined) {
      tail = textAfterTo(flow);
      tails.set(flow.ports, tail);
    }
    let to = quoted.get(flow.to);
    if (to === undefined) {
      to = JSON.stringify(flow.to);
      quoted.set(flow.to, to);
    }
    if (flow.from !== from) {
      from = flow.from;
      head = `    {\n      "from": ${JSON.stringify(from)},\n      "to": `;
    }
    chunk += separator + head + to + ',' + tail;
    separator = ',\n';
    if (chunk.length >= CHUNK_LENGTH) {
      escaped.write(chunk);
      chunk = '';
    }
  }
  const fields = Object.entries(extra).map(([key, value]) => `,\n  ${JSON.stringify(key)}: ${nestedJson(value, '  ')}`).join('');
  escaped.write(`${chunk}${flows.length === 0 ? ']' : '\n  ]'}${fields}\n}\n`);
}

/** `{"endpoints": [...], "allowed": [{from, to, ports, ranges}]}` for pairs that allow something. */
export function renderPortMatrixJson(endpoints: readonly string[], flows: readonly PortMatrixEntry[], extra: object = {}): string {
  const chunks: string[] = [];
  writePortMatrixJson(endpoints, flows, { write: (text) => chunks.push(text) }, extra);
  return chunks.join('');
}

/** A Markdown table of allowed ports per ordered pair, for pull requests and wikis. */
export function renderPortMatrixMarkdown(endpoints: readonly string[], flows: readonly PortMatrixEntry[]): string {
  const summary = `${portMatrixSummary(endpoints, flows)}.\n`;
  if (flows.length === 0) {
    return summary;
  }
  const ambiguous = flows.some((flow) => flow.ambiguousPorts);
  const rows = flows.map((flow) => [
    markdownCode(flow.from),
    markdownCode(flow.to),
    markdownText(formatPortSet(flow.ports)),
    ...(ambiguous ? [flow.ambiguousPorts ? markdownText(formatPortSet(flow.ambiguousPorts)) : ''] : []),
  ]);
  return renderMarkdownTable(['From', 'To', 'Allowed ports', ...(ambiguous ? ['Ambiguous ports'] : [])], rows) + '\n' + summary;
}
