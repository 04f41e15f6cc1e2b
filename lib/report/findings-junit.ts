import { compareText } from '../model';
import { RULES } from '../validate';
import { objectLabel } from './findings';
import { JunitCase, JunitSuite, junitLines, renderJunit } from './junit';
import type { ReviewedFinding } from './reviewed-finding';

/** How the JUnit report of findings judges them. */
export interface FindingsJunitOptions {
  /**
   * Warnings fail their case too, as `--strict` fails the run on them.
   * @default false
   */
  readonly strict?: boolean;
}

/** One finding as a line of a case's text: `NetworkPolicy shop/web: spec.podSelector: message`. */
function findingLine(finding: ReviewedFinding): string {
  const object = finding.kind ? objectLabel(finding) : `document ${finding.documentIndex ?? 0}`;
  const line = finding.position ? `line ${finding.position.line}: ` : '';
  const note = finding.acknowledged
    ? ` [acknowledged: ${finding.acknowledged.reason}]`
    : finding.expiredAcknowledgement
      ? ` [acknowledgement expired on ${finding.expiredAcknowledgement.expires}: ${finding.expiredAcknowledgement.reason}]`
      : '';
  return `${line}${object}: ${finding.path ? `${finding.path}: ` : ''}${finding.severity}: ${finding.message}${note}`;
}

/** The case of one rule in one file: failed by its counted errors (and warnings when strict), skipped when all are acknowledged. */
function ruleCase(file: string, rule: ReviewedFinding['rule'], findings: readonly ReviewedFinding[], strict: boolean): JunitCase {
  const counted = findings.filter((finding) => !finding.acknowledged);
  const failing = counted.filter((finding) => finding.severity === 'error' || strict);
  const text = junitLines(findings.map(findingLine));
  const first = findings.find((finding) => finding.position)?.position;
  const base = { name: `${rule}: ${RULES[rule].summary}`, classname: file, ...(file !== '(no file)' ? { file } : {}), ...(first ? { line: first.line } : {}) };
  if (failing.length > 0) {
    const noun = failing.length === 1 ? 'finding' : 'findings';
    return { ...base, failure: { message: `${failing.length} ${noun} of rule ${rule}`, type: failing.some((f) => f.severity === 'error') ? 'error' : 'warning', text } };
  }
  if (counted.length === 0) {
    return { ...base, skipped: `acknowledged: ${[...new Set(findings.map((finding) => finding.acknowledged?.reason))].join('; ')}` };
  }
  return { ...base, output: text };
}

/**
 * `netpol validate --format junit`: one suite per input file (`checkedFiles`, so a clean file
 * shows as passed), in it one case per rule with findings there. A case fails on errors (and on
 * warnings with `strict`); warnings alone pass and print; a rule whose findings are all
 * acknowledged is skipped with the reasons. A file without findings has one passing case.
 */
export function renderFindingsJunit(findings: readonly ReviewedFinding[], checkedFiles: readonly string[], options: FindingsJunitOptions = {}): string {
  const byFile = new Map<string, ReviewedFinding[]>(checkedFiles.map((file) => [file, []]));
  for (const finding of findings) {
    const file = finding.file || '(no file)';
    byFile.set(file, [...(byFile.get(file) ?? []), finding]);
  }
  const suites: JunitSuite[] = [...byFile].map(([file, found]) => {
    if (found.length === 0) {
      return { name: file, cases: [{ name: 'netpol validate: no findings', classname: file, file }] };
    }
    const rules = [...new Set(found.map((finding) => finding.rule))].sort(compareText);
    return { name: file, cases: rules.map((rule) => ruleCase(file, rule, found.filter((finding) => finding.rule === rule), options.strict === true)) };
  });
  return renderJunit('netpol validate', suites);
}
