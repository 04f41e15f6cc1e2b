import { stringify } from 'yaml';
import type { DirectionVerdict } from '../analysis';
import { formatProbe } from '../analysis';
import type { AuditEnd, AuditResult, AuditedFlow } from '../flows';
import { parseEndpointId } from '../model';
import { directionJson, formatRuleRef } from './explain';
import { markdownCodeBlock, markdownText, terminalJson, textLine } from './escape';
import { ChangeArrow, changePictureMarkdown } from './graph/change-mermaid';
import type { GraphNode } from './graph/graph-model';
import { MARKDOWN_REPORT_BUDGET, fitLines, moreLine } from './markdown-budget';
import { renderMarkdownTable } from './table';

/** The audit of observed flows (workflows auditFlows) as text, JSON or Markdown. */

/** `shop/web`, `203.0.113.10 (api.payments.example)`, `10.0.0.1 (world)`. */
export function formatAuditEnd(end: AuditEnd): string {
  switch (end.kind) {
    case 'endpoint':
      return end.observed ? `${end.id} (observed, not in the inputs)` : end.id;
    case 'external': {
      const notes = [...end.names, ...(end.identity ? [end.identity] : [])];
      return notes.length > 0 ? `${end.label} (${notes.join(', ')})` : `${end.label} (external)`;
    }
    case 'unresolved':
      return end.text;
  }
}

function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** `3 observed: DROPPED 1, FORWARDED 2`. */
function formatObserved(flow: AuditedFlow): string {
  const verdicts = Object.entries(flow.observedVerdicts).filter(([verdict]) => verdict !== 'unknown');
  const text = verdicts.map(([verdict, count]) => `${verdict} ${formatCount(count)}`).join(', ');
  return `${formatCount(flow.count)} observed${text === '' ? '' : `: ${text}`}`;
}

function flowLine(flow: AuditedFlow): string {
  const dns = flow.dns ? ' [DNS to the cluster DNS]' : '';
  return `${formatAuditEnd(flow.from)} -> ${formatAuditEnd(flow.to)} on ${formatProbe(flow)}${dns}`;
}

function deniedSide(verdict: DirectionVerdict | undefined): string[] {
  if (!verdict || verdict.allowed) {
    return [];
  }
  const side = verdict.direction === 'egress' ? `egress from ${verdict.endpoint}` : `ingress to ${verdict.endpoint}`;
  return [`  ${side}: DENIED, isolated by ${verdict.selectedBy.join(', ')}; no ${verdict.direction} rule of these allows it`];
}

function allowedSide(verdict: DirectionVerdict | undefined): string[] {
  if (!verdict || !verdict.allowed) {
    return [];
  }
  const side = verdict.direction === 'egress' ? `egress from ${verdict.endpoint}` : `ingress to ${verdict.endpoint}`;
  return [`  ${side}: allowed${verdict.isolated ? ` by ${verdict.allowedBy.map(formatRuleRef).join(', ')}` : ' (not isolated)'}`];
}

function indent(text: string, prefix: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

function policiesYaml(flow: AuditedFlow): string {
  return (flow.allowance?.policies ?? []).map((policy) => stringify(policy)).join('---\n');
}

function summary(result: AuditResult): { denied: AuditedFlow[]; notJudged: AuditedFlow[]; allowed: AuditedFlow[]; observations: number } {
  return {
    denied: result.flows.filter((flow) => flow.verdict === 'denied'),
    notJudged: result.flows.filter((flow) => flow.verdict === 'not-judged'),
    allowed: result.flows.filter((flow) => flow.verdict === 'allowed'),
    observations: result.flows.reduce((sum, flow) => sum + flow.count, 0),
  };
}

function sumCounts(flows: readonly AuditedFlow[]): number {
  return flows.reduce((sum, flow) => sum + flow.count, 0);
}

/**
 * The audit for people: a summary line, then every denied flow with the side that denies it,
 * the isolating policies and what would allow it (DSL line and YAML), then flows not judged,
 * ends that matched no endpoint, and what was skipped. Allowed flows are counted, not listed
 * (the JSON lists them).
 */
export function renderAuditText(result: AuditResult): string {
  const { denied, notJudged, allowed, observations } = summary(result);
  const lines = [
    `${formatCount(observations)} observed flows in ${result.flows.length} groups: ` +
      `${denied.length} denied (${formatCount(sumCounts(denied))} observed), ${allowed.length} allowed (${formatCount(sumCounts(allowed))}), ` +
      `${notJudged.length} not judged (${formatCount(sumCounts(notJudged))})`,
  ];
  const dns = result.flows.filter((flow) => flow.dns);
  if (dns.length > 0) {
    const deniedDns = dns.filter((flow) => flow.verdict === 'denied').length;
    lines.push(`DNS lookups to the cluster DNS: ${dns.length} groups, ${deniedDns} denied`);
  }
  for (const flow of denied) {
    lines.push('', `DENIED ${flowLine(flow)}: ${formatObserved(flow)}`);
    lines.push(`  denied by: ${flow.deniedBy}${flow.partly ? ' (for part of the network; other addresses are allowed)' : ''}`);
    lines.push(...deniedSide(flow.egress), ...deniedSide(flow.ingress), ...allowedSide(flow.egress), ...allowedSide(flow.ingress));
    if (flow.allowance) {
      lines.push(`  allow it with: ${flow.allowance.dsl}`);
      if (flow.allowance.unverified) {
        lines.push(`  not verified: ${flow.allowance.unverified}`);
      }
      lines.push('  or apply:', ...indent(policiesYaml(flow), '    ').split('\n'));
    }
  }
  if (notJudged.length > 0) {
    lines.push('', 'Not judged:');
    lines.push(...notJudged.map((flow) => `  ${flowLine(flow)}: ${formatObserved(flow)}: ${flow.reason}`));
  }
  if (result.unmatched.length > 0) {
    lines.push('', 'Ends that match no endpoint of the inputs:');
    lines.push(
      ...result.unmatched.map(
        (end) => `  ${end.end}: ${end.reason}${end.addedAs ? ` (as ${end.addedAs})` : ''}; ${formatCount(end.count)} observed`,
      ),
    );
  }
  if (result.skipped.length > 0) {
    lines.push('', 'Not flows, skipped:');
    lines.push(
      ...result.skipped.map((skip) => `  ${formatCount(skip.count)} ${skip.reason} (first at ${skip.firstSeen.file}:${skip.firstSeen.line})`),
    );
  }
  lines.push(...result.caveats.map((entry) => `caveat: ${entry.endpoint}: ${entry.caveat}`));
  // One entry per line: a line break inside one is the input's, shown as an escape.
  return lines.map(textLine).join('\n') + '\n';
}

/** Every flow group, denied first, with fixed keys; the summary counts first. */
export function renderAuditJson(result: AuditResult): string {
  const { denied, notJudged, allowed, observations } = summary(result);
  const data = {
    summary: {
      observations,
      groups: result.flows.length,
      denied: denied.length,
      allowed: allowed.length,
      notJudged: notJudged.length,
      lines: result.lines,
      files: result.files,
    },
    flows: result.flows.map((flow) => ({
      verdict: flow.verdict,
      from: flow.from,
      to: flow.to,
      port: flow.port,
      protocol: flow.protocol,
      count: flow.count,
      observedVerdicts: flow.observedVerdicts,
      dns: flow.dns,
      ...(flow.reason ? { reason: flow.reason } : {}),
      ...(flow.deniedBy ? { deniedBy: flow.deniedBy } : {}),
      ...(flow.partly ? { partly: true } : {}),
      egress: directionJson(flow.egress),
      ingress: directionJson(flow.ingress),
      ...(flow.allowance ? { allowance: flow.allowance } : {}),
      firstSeen: flow.firstSeen,
    })),
    unmatched: result.unmatched,
    skipped: result.skipped,
    caveats: result.caveats,
  };
  return terminalJson(JSON.stringify(data, null, 2)) + '\n';
}

/** An end of a denied flow as a picture's node: an endpoint in its namespace, or an outside address. */
function auditNode(end: AuditEnd): GraphNode {
  if (end.kind === 'endpoint') {
    return { id: end.id, ...parseEndpointId(end.id), ingressPolicies: [], egressPolicies: [] };
  }
  const label = formatAuditEnd(end);
  return { id: label, name: label, ingressPolicies: [], egressPolicies: [] };
}

/** The denied flows as the arrows of a picture (a pod's flows to itself left out). */
function deniedArrows(denied: readonly AuditedFlow[]): ChangeArrow[] {
  return denied
    .filter((flow) => formatAuditEnd(flow.from) !== formatAuditEnd(flow.to))
    .map((flow) => ({ from: auditNode(flow.from), to: auditNode(flow.to), style: 'removed', mark: 'denied', label: `denied ${formatProbe(flow)}` }));
}

/** How long renderAuditMarkdown may be. */
export interface AuditMarkdownOptions {
  /**
   * The most characters the report takes (GitHub refuses comments over 65,536): denied flows
   * and fixes that do not fit are counted in a "N more" line.
   * @default MARKDOWN_REPORT_BUDGET (60,000)
   */
  readonly maxLength?: number;
}

/** A Markdown table's lines with at most `budget` characters of rows, and a "N more" line for the rest. */
function fittedTable(header: readonly string[], rows: readonly (readonly string[])[], budget: number, what: string): { lines: string[]; length: number } {
  const [head, separator, ...body] = renderMarkdownTable(header, rows).trimEnd().split('\n');
  const fit = fitLines(body, budget);
  const lines = [head, separator, ...fit.kept, ...(fit.left > 0 ? ['', moreLine(fit.left, what)] : [])];
  return { lines, length: lines.join('\n').length };
}

/**
 * The audit as Markdown for a pull-request comment: a summary, the Mermaid picture of the
 * flows applying the policies would deny, a table of them, each
 * with its fix, then what was not judged, unmatched and skipped. It stays within `maxLength`:
 * rows and fixes that do not fit are counted in "N more" lines.
 */
export function renderAuditMarkdown(result: AuditResult, options: AuditMarkdownOptions = {}): string {
  const { denied, notJudged, allowed, observations } = summary(result);
  let left = (options.maxLength ?? MARKDOWN_REPORT_BUDGET) - 2_000;
  const parts = [
    '## Flow audit',
    '',
    `${formatCount(observations)} observed flows in ${result.flows.length} groups: **${denied.length} denied**, ${allowed.length} allowed, ${notJudged.length} not judged.`,
  ];
  const table = (title: string | undefined, header: readonly string[], rows: readonly (readonly string[])[], what: string): void => {
    // Each table gets at most half of what is left, so the later sections still show.
    const fitted = fittedTable(header, rows, Math.max(0, Math.floor(left / 2)), what);
    parts.push('', ...(title ? [title, ''] : []), ...fitted.lines);
    left -= fitted.length;
  };
  if (denied.length > 0) {
    parts.push(...changePictureMarkdown(deniedArrows(denied)));
    table(
      undefined,
      ['Source', 'Destination', 'Port', 'Observed', 'Denied by', 'Isolated by'],
      denied.map((flow) =>
        [
          formatAuditEnd(flow.from),
          formatAuditEnd(flow.to) + (flow.dns ? ' (DNS)' : ''),
          formatProbe(flow),
          formatCount(flow.count),
          flow.deniedBy ?? '',
          [flow.egress, flow.ingress]
            .filter((verdict): verdict is DirectionVerdict => verdict !== undefined && !verdict.allowed)
            .flatMap((verdict) => verdict.selectedBy)
            .join(', '),
        ].map(markdownText),
      ),
      'denied flows',
    );
    const fixes = denied.map((flow) => {
      const lines = ['', `### ${markdownText(`${formatAuditEnd(flow.from)} -> ${formatAuditEnd(flow.to)} on ${formatProbe(flow)}`)}`, ''];
      if (flow.allowance) {
        lines.push(markdownCodeBlock('ts', flow.allowance.dsl), '', markdownCodeBlock('yaml', policiesYaml(flow).trimEnd()));
        if (flow.allowance.unverified) {
          lines.push('', `Not verified: ${markdownText(flow.allowance.unverified)}`);
        }
      }
      return lines.join('\n');
    });
    const fit = fitLines(fixes, Math.max(0, Math.floor(left * 0.6)));
    parts.push(...fit.kept, ...(fit.left > 0 ? ['', moreLine(fit.left, 'fixes of denied flows')] : []));
    left -= fit.kept.join('\n').length;
  }
  if (notJudged.length > 0) {
    table('**Not judged**', ['Flow', 'Observed', 'Why'], notJudged.map((flow) => [flowLine(flow), formatCount(flow.count), flow.reason ?? ''].map(markdownText)), 'flows not judged');
  }
  if (result.unmatched.length > 0) {
    table(
      '**Ends that match no endpoint of the inputs**',
      ['End', 'Why', 'Observed'],
      result.unmatched.map((end) => [end.end, `${end.reason}${end.addedAs ? ` (as ${end.addedAs})` : ''}`, formatCount(end.count)].map(markdownText)),
      'unmatched ends',
    );
  }
  if (result.skipped.length > 0) {
    table('**Not flows, skipped**', ['Why', 'Count'], result.skipped.map((skip) => [skip.reason, formatCount(skip.count)].map(markdownText)), 'reasons');
  }
  return parts.join('\n') + '\n';
}
