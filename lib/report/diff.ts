import { FlowChange, TrafficDiff, formatPortSet, gainedPorts, lostPorts } from '../analysis';
import { parseEndpointId } from '../model';
import { plural } from './findings';
import { DiffGate, gateFails } from './diff-gates';
import { markdownCode, markdownText, terminalJson, textLine } from './escape';
import { ChangeArrow, changePictureMarkdown } from './graph/change-mermaid';
import type { GraphNode } from './graph/graph-model';
import { MARKDOWN_REPORT_BUDGET, fitLines, moreLine } from './markdown-budget';
import { renderMarkdownTable, renderTextTable } from './table';

/** The renderers of a TrafficDiff (lib/analysis/diff): text, JSON and Markdown. */

/** The sections of a diff in report order, with the mark text output puts before their rows. */
function sections(diff: TrafficDiff): { readonly key: 'added' | 'removed' | 'changed'; readonly title: string; readonly mark: string; readonly flows: readonly FlowChange[] }[] {
  return [
    { key: 'added', title: 'Added flows', mark: '+', flows: diff.added },
    { key: 'removed', title: 'Removed flows', mark: '-', flows: diff.removed },
    { key: 'changed', title: 'Changed flows', mark: '~', flows: diff.changed },
  ];
}

/** What a row is about: the ports an added flow allows, a removed one allowed, or `before -> after`. */
function portsText(change: FlowChange): string {
  const before = formatPortSet(change.before);
  const after = formatPortSet(change.after);
  return before === 'none' ? after : after === 'none' ? before : `${before} -> ${after}`;
}

function totals(diff: TrafficDiff): string {
  return `${plural(diff.added.length, 'flow')} added, ${diff.removed.length} removed, ${diff.changed.length} changed`;
}

function workloadsLines(diff: TrafficDiff, format: (ids: readonly string[]) => string): string {
  const lines = [
    ...(diff.workloadsAdded.length > 0 ? [`workloads added: ${format(diff.workloadsAdded)}`] : []),
    ...(diff.workloadsRemoved.length > 0 ? [`workloads removed: ${format(diff.workloadsRemoved)}`] : []),
  ];
  return lines.map((line) => `${textLine(line)}\n`).join('');
}

/** `+` lines for added flows, `-` for removed, `~` for changed (`before -> after`), each with its reason. */
export function renderDiffText(diff: TrafficDiff): string {
  const rows = sections(diff).flatMap(({ mark, flows }) => flows.map((flow) => [mark, flow.from, '->', flow.to, portsText(flow), flow.reason]));
  const table = rows.length === 0 ? 'no change in allowed traffic\n' : renderTextTable(['', 'FROM', '', 'TO', 'PORTS', 'REASON'], rows);
  return `${table}${workloadsLines(diff, (ids) => ids.join(', '))}${totals(diff)}\n`;
}

function changeJson(change: FlowChange): object {
  return {
    from: change.from,
    to: change.to,
    reason: change.reason,
    before: formatPortSet(change.before),
    after: formatPortSet(change.after),
    gained: formatPortSet(gainedPorts(change)),
    lost: formatPortSet(lostPorts(change)),
    ranges: { before: change.before, after: change.after },
    ...(change.outside ? { outside: change.outside } : {}),
  };
}

/**
 * `{"added", "removed", "changed", "workloads": {"added", "removed"}}`; every flow with its
 * reason, ports before and after (text and ranges), the ports gained and lost, and for a flow
 * with the outside, which end it is and the exact CIDRs that end stands for; `extra` fields
 * (what was left out, leftOutJson) follow.
 */
export function renderDiffJson(diff: TrafficDiff, extra: object = {}): string {
  const data = {
    added: diff.added.map(changeJson),
    removed: diff.removed.map(changeJson),
    changed: diff.changed.map(changeJson),
    workloads: { added: diff.workloadsAdded, removed: diff.workloadsRemoved },
    ...extra,
  };
  return terminalJson(JSON.stringify(data, null, 2)) + '\n';
}

/** An end of a change as a picture's node: a workload in its namespace, or the outside addresses. */
function changeNode(id: string, outside: boolean): GraphNode {
  return outside ? { id, name: id, ingressPolicies: [], egressPolicies: [] } : { id, ...parseEndpointId(id), ingressPolicies: [], egressPolicies: [] };
}

/** The arrows of the diff's picture: its added, removed and changed flows, a pod's flows to itself left out. */
function changeArrows(diff: TrafficDiff): ChangeArrow[] {
  return sections(diff).flatMap(({ key, mark, flows }) =>
    flows
      .filter((flow) => flow.from !== flow.to)
      .map((flow) => ({
        from: changeNode(flow.from, flow.outside?.end === 'from'),
        to: changeNode(flow.to, flow.outside?.end === 'to'),
        style: key,
        mark,
        label: `${mark} ${portsText(flow)}`,
      })),
  );
}

/** What renderDiffMarkdown adds and how long it may be. */
export interface DiffMarkdownOptions {
  /**
   * The gates of the run: each is listed with its flow count, failed or not.
   * @default none listed
   */
  readonly gates?: readonly DiffGate<unknown>[];
  /**
   * The most characters the report takes (GitHub refuses comments over 65,536): rows that do
   * not fit are counted in a "N more" line.
   * @default MARKDOWN_REPORT_BUDGET (60,000)
   */
  readonly maxLength?: number;
}

function markdownRows(flows: readonly FlowChange[], changed: boolean): { header: string[]; rows: string[] } {
  const header = changed ? ['From', 'To', 'Before', 'After', 'Reason'] : ['From', 'To', 'Ports', 'Reason'];
  const rows = flows.map((flow) => [
    markdownCode(flow.from),
    markdownCode(flow.to),
    ...(changed ? [formatPortSet(flow.before), formatPortSet(flow.after)] : [portsText(flow)]).map(markdownText),
    markdownText(flow.reason),
  ]);
  return { header, rows: renderMarkdownTable(header, rows).trimEnd().split('\n').slice(2) };
}

function gateLines(gates: readonly DiffGate<unknown>[]): string[] {
  return gates.map((gate) => {
    const state = gateFails(gate) ? '**failed**' : gate.asked ? 'passed' : 'not asked';
    return `- ${state}: ${markdownCode(gate.option)} (rule ${markdownCode(gate.rule)}): ${markdownText(`${plural(gate.flows.length, 'flow')} ${gate.what}`)}`;
  });
}

/**
 * A pull-request comment: the totals and the gates, the Mermaid picture of what changed, then
 * the added flows (what a reviewer must approve), the removed and the changed ones as tables,
 * and the workloads added and removed. It stays within `maxLength`: table rows and workload
 * names that do not fit are counted in a "N more" line.
 */
export function renderDiffMarkdown(diff: TrafficDiff, options: DiffMarkdownOptions = {}): string {
  const budget = options.maxLength ?? MARKDOWN_REPORT_BUDGET;
  const head = ['## Traffic diff', '', `${totals(diff)}.`];
  if (options.gates && options.gates.length > 0) {
    head.push('', ...gateLines(options.gates));
  }
  head.push(...changePictureMarkdown(changeArrows(diff)));
  const tables = sections(diff).map(({ title, flows }) => ({ title, flows, ...markdownRows(flows, flows === diff.changed) }));
  const workloads = [
    { title: 'workloads added', ids: diff.workloadsAdded },
    { title: 'workloads removed', ids: diff.workloadsRemoved },
  ].filter((entry) => entry.ids.length > 0);
  // Fixed parts first; the rows and names share what is left, in report order.
  const fixed = [...head, ...tables.flatMap(({ title, flows, header }) => ['', `### ${title} (${flows.length})`, '', flows.length === 0 ? 'None.' : renderMarkdownTable(header, []).trimEnd(), moreLine(flows.length, title.toLowerCase())])];
  // Each list of workload names keeps a few hundred characters of its own.
  const namesReserve = 300;
  let left = budget - fixed.join('\n').length - workloads.length * namesReserve;
  const parts = [...head];
  for (const table of tables) {
    parts.push('', `### ${table.title} (${table.flows.length})`, '');
    if (table.flows.length === 0) {
      parts.push('None.');
      continue;
    }
    const fit = fitLines(table.rows, Math.max(0, left));
    left -= fit.kept.join('\n').length + 1;
    parts.push(renderMarkdownTable(table.header, []).trimEnd(), ...fit.kept, ...(fit.left > 0 ? ['', moreLine(fit.left, table.title.toLowerCase())] : []));
  }
  if (workloads.length > 0) {
    left += workloads.length * namesReserve;
    parts.push('');
    for (const { title, ids } of workloads) {
      const fit = fitLines(ids.map(markdownCode), Math.max(0, left));
      left -= fit.kept.join(', ').length + title.length + 40;
      parts.push(`${title}: ${fit.kept.join(', ')}${fit.left > 0 ? ` and ${fit.left.toLocaleString('en-US')} more` : ''}`);
    }
  }
  return parts.join('\n') + '\n';
}
