import { FlowChange, TrafficDiff, formatPortSet, gainedPorts, lostPorts } from '../analysis';
import { markdownCode, markdownText, terminalJson, textLine } from './escape';
import { renderMarkdownTable, renderTextTable } from './table';

/** The renderers of a TrafficDiff (lib/analysis/diff): text, JSON and Markdown. */

/** The sections of a diff in report order, with the mark text output puts before their rows. */
function sections(diff: TrafficDiff): { readonly title: string; readonly mark: string; readonly flows: readonly FlowChange[] }[] {
  return [
    { title: 'Added flows', mark: '+', flows: diff.added },
    { title: 'Removed flows', mark: '-', flows: diff.removed },
    { title: 'Changed flows', mark: '~', flows: diff.changed },
  ];
}

/** What a row is about: the ports an added flow allows, a removed one allowed, or `before -> after`. */
function portsText(change: FlowChange): string {
  const before = formatPortSet(change.before);
  const after = formatPortSet(change.after);
  return before === 'none' ? after : after === 'none' ? before : `${before} -> ${after}`;
}

function totals(diff: TrafficDiff): string {
  return `${diff.added.length} flows added, ${diff.removed.length} removed, ${diff.changed.length} changed`;
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

function markdownSection(title: string, flows: readonly FlowChange[], changed: boolean): string {
  if (flows.length === 0) {
    return `### ${title} (0)\n\nNone.\n`;
  }
  const header = changed ? ['From', 'To', 'Before', 'After', 'Reason'] : ['From', 'To', 'Ports', 'Reason'];
  const rows = flows.map((flow) => [
    markdownCode(flow.from),
    markdownCode(flow.to),
    ...(changed ? [formatPortSet(flow.before), formatPortSet(flow.after)] : [portsText(flow)]).map(markdownText),
    markdownText(flow.reason),
  ]);
  return `### ${title} (${flows.length})\n\n${renderMarkdownTable(header, rows)}`;
}

/** A review comment: added flows first (what a reviewer must approve), then removed and changed ones. */
export function renderDiffMarkdown(diff: TrafficDiff): string {
  const body = sections(diff).map(({ title, flows }) => markdownSection(title, flows, flows === diff.changed));
  const workloads = workloadsLines(diff, (ids) => ids.map(markdownCode).join(', '));
  return `${body.join('\n')}${workloads === '' ? '' : `\n${workloads}`}`;
}
