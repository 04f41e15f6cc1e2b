import { formatProbe } from '../analysis';
import type { AuditedFlow } from '../flows';
import { RULES } from '../validate';
import { formatAuditEnd } from './audit';
import { packageVersion, sarifRule } from './findings-sarif';
import { JunitCase, junitLines, renderJunit } from './junit';
import { ManifestLocation, formatManifestLocation } from './manifest-location';
import { SarifResultInput, renderSarif } from './sarif';

/** An audited flow group with the policies that deny it (none for one allowed or not judged). */
export interface LocatedAuditedFlow {
  readonly flow: AuditedFlow;
  /** The admin-tier Deny rule or the isolating policies of each denying side, at their lines. */
  readonly policies: readonly ManifestLocation[];
}

/** How the SARIF and JUnit reports of an audit judge denied flows. */
export interface AuditReportOptions {
  /**
   * Denied flows fail (SARIF level error, JUnit failure), as `--fail-on-denied` fails the run;
   * otherwise they are warnings and passing cases that print.
   * @default false
   */
  readonly failOnDenied?: boolean;
}

const RULE = 'audit-flow-denied';

/** `shop/web -> shop/db on TCP/5432`. */
function flowName(flow: AuditedFlow): string {
  return `${formatAuditEnd(flow.from)} -> ${formatAuditEnd(flow.to)} on ${formatProbe(flow)}`;
}

/** `shop/web -> shop/db on TCP/5432: 12 observed, denied by ingress (part of the network)`. */
function deniedText(flow: AuditedFlow): string {
  return `${flowName(flow)}: ${flow.count.toLocaleString('en-US')} observed, denied by ${flow.deniedBy}${flow.partly ? ' (for part of the network)' : ''}`;
}

function sarifResult({ flow, policies }: LocatedAuditedFlow, options: AuditReportOptions): SarifResultInput {
  const level = options.failOnDenied ? 'error' : 'warning';
  const related = policies.map((policy) => ({ file: policy.file, position: policy.position, message: `${policy.object} ${policy.note}` }));
  const fix = flow.allowance ? `; allow it with: ${flow.allowance.dsl}` : '';
  const message = `${deniedText(flow)}${policies.length > 0 ? `; ${policies.map((policy) => `${policy.object} ${policy.note}`).join('; ')}` : ''}${fix}`;
  const base = { ruleId: RULE, level, message, object: `flow ${flowName(flow)}` } as const;
  const { file, line } = flow.firstSeen;
  if (file !== '-' && file !== '') {
    // Where the group was first observed; the policies that deny it follow as related locations.
    return { ...base, file, position: { line, column: 1 }, related };
  }
  const [main] = policies;
  return main ? { ...base, file: main.file, position: main.position, related: related.slice(1) } : base;
}

/**
 * `netpol audit --format sarif`: the rule audit-flow-denied and one result per denied flow
 * group, located at the flow file's line where the group was first seen (for standard input:
 * at the first policy that denies it), with the denying policies as related locations.
 */
export function renderAuditSarif(flows: readonly LocatedAuditedFlow[], options: AuditReportOptions = {}, cwd?: string): string {
  const results = flows.filter(({ flow }) => flow.verdict === 'denied').map((flow) => sarifResult(flow, options));
  return renderSarif({ name: 'netpol', version: packageVersion() }, [sarifRule(RULE)], results, cwd);
}

function auditCase({ flow, policies }: LocatedAuditedFlow, options: AuditReportOptions): JunitCase {
  const base = { name: `${flowName(flow)}${flow.dns ? ' [DNS]' : ''}`, classname: flow.firstSeen.file, file: flow.firstSeen.file, line: flow.firstSeen.line };
  if (flow.verdict === 'not-judged') {
    return { ...base, skipped: `not judged: ${flow.reason ?? ''}` };
  }
  if (flow.verdict === 'allowed') {
    return base;
  }
  const text = junitLines([deniedText(flow), ...policies.map((policy) => `  at ${formatManifestLocation(policy)}`), ...(flow.allowance ? [`  allow it with: ${flow.allowance.dsl}`] : [])]);
  return options.failOnDenied ? { ...base, failure: { message: `${RULE}: ${RULES[RULE].summary}`, type: RULE, text } } : { ...base, output: text };
}

/**
 * `netpol audit --format junit`: one suite per flow file, one case per audited flow group
 * (where it was first seen): allowed passes, not judged is skipped with why, denied fails with
 * the denying policies and the fix when `failOnDenied`, else passes and prints them.
 */
export function renderAuditJunit(flows: readonly LocatedAuditedFlow[], options: AuditReportOptions = {}): string {
  const files = [...new Set(flows.map(({ flow }) => flow.firstSeen.file))];
  return renderJunit(
    'netpol audit',
    files.map((file) => ({ name: file, cases: flows.filter(({ flow }) => flow.firstSeen.file === file).map((flow) => auditCase(flow, options)) })),
  );
}
