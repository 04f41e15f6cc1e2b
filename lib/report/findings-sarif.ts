import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { RULES, RuleId, rulePagePath } from '../validate';
import { objectLabel } from './findings';
import type { ReviewedFinding } from './reviewed-finding';
import { SarifResultInput, SarifRuleInput, renderSarif } from './sarif';

/** The package's root, where docs/rules/ and package.json are (in lib/ and in build/ alike). */
const PACKAGE_ROOT = path.join(__dirname, '..', '..');

/** The rule's page (docs/rules/<id>.md) as shipped in the package; undefined if it is missing. */
function rulePage(rule: RuleId): string | undefined {
  const file = path.join(PACKAGE_ROOT, rulePagePath(rule));
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** The catalogue's descriptor of `rule` for SARIF, with its page as help. */
export function sarifRule(rule: RuleId): SarifRuleInput {
  const { level, summary } = RULES[rule];
  const page = rulePage(rule);
  return { id: rule, summary, level, ...(page ? { helpMarkdown: page } : {}) };
}

/** A finding as a SARIF result: its field path leads the message, an expired acknowledgement ends it. */
export function findingSarifResult(finding: ReviewedFinding): SarifResultInput {
  // Unreadable input has no object to name (kind and name empty).
  const object = finding.kind ? objectLabel(finding) : undefined;
  const where = [object, finding.path].filter(Boolean).join(': ');
  const expired = finding.expiredAcknowledgement
    ? ` (its acknowledgement expired on ${finding.expiredAcknowledgement.expires}: ${finding.expiredAcknowledgement.reason}; ${finding.expiredAcknowledgement.where})`
    : '';
  return {
    ruleId: finding.rule,
    level: finding.severity,
    message: `${where ? `${where}: ` : ''}${finding.message}${expired}`,
    file: finding.file,
    position: finding.position,
    objectPosition: finding.objectPosition,
    object,
    fieldPath: finding.path || undefined,
    acknowledged: finding.acknowledged,
  };
}

/** The package's version, for the log's tool.driver. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** `netpol validate --format sarif`: the rules the findings name (sorted), and one result per finding. */
export function renderFindingsSarif(findings: readonly ReviewedFinding[], cwd?: string): string {
  const rules = [...new Set(findings.map((finding) => finding.rule))].sort().map(sarifRule);
  return renderSarif({ name: 'netpol', version: packageVersion() }, rules, findings.map(findingSarifResult), cwd);
}
