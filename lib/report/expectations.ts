import { terminalJson, terminalText, textLine } from './escape';
import { renderFindingsText } from './findings';
import { findingSarifResult, packageVersion, sarifRule as findingRule } from './findings-sarif';
import { JunitCase, JunitSuite, renderJunit } from './junit';
import type { ReviewedFinding } from './reviewed-finding';
import { SarifResultInput, SarifRuleInput, renderSarif } from './sarif';

/** The kinds of entry an expectations file holds (docs/expectations.md). */
export type ExpectationKind = 'allow' | 'deny' | 'only' | 'isolated' | 'notExposed' | 'everyNamespace';

/** Every kind, in the order the docs list them. */
export const EXPECTATION_KINDS: readonly ExpectationKind[] = ['allow', 'deny', 'only', 'isolated', 'notExposed', 'everyNamespace'];

/** How one expectation came out against the analysis. */
export interface ExpectationVerdict {
  readonly passed: boolean;
  /** One line: what holds, or what does not. */
  readonly summary: string;
  /** Why it failed, one block per offender (its line, then the `explain` output of its flow); empty when it passed. */
  readonly details: readonly string[];
}

/** One entry of an expectations file with its verdict. */
export interface ExpectationOutcome extends ExpectationVerdict {
  /** Its index in `expectations`. */
  readonly index: number;
  readonly kind: ExpectationKind;
  /** The entry in words, e.g. `deny shop/web -> shop/postgres on every port`. */
  readonly title: string;
  /** The 1-based line and column the entry starts on in the file. */
  readonly line: number;
  readonly column: number;
}

/** An expectations file and the verdict on each of its entries, in file order. */
export interface ExpectationsReport {
  /** The file as netpol was given it. */
  readonly file: string;
  readonly outcomes: readonly ExpectationOutcome[];
  /**
   * The errors that left objects of the inputs out of the analysis: the verdicts do not cover
   * those objects, and the run fails on them (exit 1) whatever the verdicts.
   * @default none
   */
  readonly inputErrors?: readonly ReviewedFinding[];
}

/** What each kind's SARIF rule says. */
const KIND_SUMMARIES: Readonly<Record<ExpectationKind, string>> = {
  allow: 'A flow the expectations file requires is not allowed.',
  deny: 'A flow the expectations file forbids is allowed.',
  only: 'A destination is reachable from other sources than the expectations file lists, or not from one it lists.',
  isolated: 'An endpoint the expectations file requires to be isolated is not selected by any policy for that direction.',
  notExposed: 'An endpoint the expectations file requires to be unreachable from outside the cluster is reachable from there.',
  everyNamespace: 'A namespace lacks the default-deny NetworkPolicy the expectations file requires.',
};

/** The kinds whose failures are flows, explained as `netpol explain` does. */
const EXPLAINED_KINDS: readonly ExpectationKind[] = ['allow', 'deny', 'only', 'notExposed'];

/** The SARIF rule id of a kind: `expect-allow`, `expect-not-exposed`, ... */
export function expectationRuleId(kind: ExpectationKind): string {
  return `expect-${kind.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

function indent(text: string, by: string): string {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => (line === '' ? line : `${by}${line}`))
    .join('\n');
}

/**
 * The failure text of an outcome: its summary on one line, then each detail block (its lines
 * kept), control characters written as escapes (textLine, terminalText).
 */
function failureText(outcome: ExpectationOutcome): string {
  return [textLine(outcome.summary), ...outcome.details.map((detail) => indent(terminalText(detail), '  '))].join('\n');
}

/** `netpol test` as text: one line per entry (PASS or FAIL, its line, what it says), each failure followed by why. */
export function renderExpectationsText(report: ExpectationsReport): string {
  return report.outcomes
    .map((outcome) => {
      const head = textLine(`${outcome.passed ? 'PASS' : 'FAIL'} ${report.file}:${outcome.line} ${outcome.title}`);
      return outcome.passed ? `${head}\n` : `${head}\n${indent(failureText(outcome), '  ')}\n`;
    })
    .join('');
}

/** The one-line count of a run, for stderr: `5 expectations: 3 passed, 2 failed`. */
export function expectationsSummary(report: ExpectationsReport): string {
  const failed = report.outcomes.filter((outcome) => !outcome.passed).length;
  const total = report.outcomes.length;
  return `${total} ${total === 1 ? 'expectation' : 'expectations'}: ${total - failed} passed, ${failed} failed`;
}

/** `netpol test --format json`: the file, the counts, and each entry with its verdict. */
export function renderExpectationsJson(report: ExpectationsReport, extra: object = {}): string {
  const failed = report.outcomes.filter((outcome) => !outcome.passed).length;
  const data = {
    file: report.file,
    passed: report.outcomes.length - failed,
    failed,
    expectations: report.outcomes.map((outcome) => ({
      index: outcome.index,
      line: outcome.line,
      kind: outcome.kind,
      title: outcome.title,
      passed: outcome.passed,
      summary: outcome.summary,
      details: outcome.details,
    })),
    ...(report.inputErrors && report.inputErrors.length > 0 ? { inputErrors: renderFindingsText(report.inputErrors).trimEnd().split('\n') } : {}),
    ...extra,
  };
  return `${terminalJson(JSON.stringify(data, null, 2))}\n`;
}

/**
 * `netpol test --format junit`: one suite (the file), one case per entry at its line; a failure's
 * message is its summary, its text the explanation. Input errors are a failing case of a suite `inputs`.
 */
export function renderExpectationsJunit(report: ExpectationsReport): string {
  const cases = report.outcomes.map(
    (outcome): JunitCase => ({
      name: `expectations[${outcome.index}] ${outcome.title}`,
      classname: report.file,
      file: report.file,
      line: outcome.line,
      ...(outcome.passed ? {} : { failure: { message: outcome.summary, type: expectationRuleId(outcome.kind), text: failureText(outcome) } }),
    }),
  );
  const errors = report.inputErrors ?? [];
  const inputs: JunitSuite[] =
    errors.length === 0
      ? []
      : [
          {
            name: 'inputs',
            cases: [
              {
                name: 'inputs: objects left out of the analysis as invalid',
                classname: 'inputs',
                failure: { message: `${errors.length} ${errors.length === 1 ? 'error' : 'errors'} left objects out of the analysis`, type: 'error', text: renderFindingsText(errors).trimEnd() },
              },
            ],
          },
        ];
  return renderJunit('netpol test', [{ name: report.file, cases }, ...inputs]);
}

/** The SARIF rule of a kind, with the docs section as help. */
function sarifRule(kind: ExpectationKind): SarifRuleInput {
  const summary = KIND_SUMMARIES[kind];
  return {
    id: expectationRuleId(kind),
    summary,
    level: 'error',
    helpMarkdown: `# ${expectationRuleId(kind)}\n\n${summary}\n\nAn entry \`${kind}\` of an expectations file (\`netpol test --expect FILE\`, docs/expectations.md) does not hold; the result's message says ${EXPLAINED_KINDS.includes(kind) ? 'who breaks it, with the `netpol explain` output of each offending flow' : 'who breaks it'}.`,
  };
}

/**
 * `netpol test --format sarif`: one rule per kind of failing entry (sorted), one error result per
 * failing entry at its line and column in the expectations file; passing entries are no results.
 * The input errors follow, as `validate` reports them.
 */
export function renderExpectationsSarif(report: ExpectationsReport, cwd?: string): string {
  const failing = report.outcomes.filter((outcome) => !outcome.passed);
  const kinds = [...new Set(failing.map((outcome) => outcome.kind))].sort();
  const errors = report.inputErrors ?? [];
  const inputRules = [...new Set(errors.map((finding) => finding.rule))].sort().map(findingRule);
  const results: SarifResultInput[] = failing.map((outcome) => ({
    ruleId: expectationRuleId(outcome.kind),
    level: 'error' as const,
    message: failureText(outcome),
    file: report.file,
    position: { line: outcome.line, column: outcome.column },
    object: `expectations[${outcome.index}]`,
  }));
  return renderSarif({ name: 'netpol', version: packageVersion() }, [...kinds.map(sarifRule), ...inputRules], [...results, ...errors.map(findingSarifResult)], cwd);
}
