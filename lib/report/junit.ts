/**
 * JUnit XML for any kind of result, in the form GitLab, Jenkins and Azure DevOps read
 * (`<testsuites>` of `<testsuite>` of `<testcase>` with `<failure>` or `<skipped>`): each result
 * kind turns its results into suites and cases, and this file writes the XML with
 * fast-xml-parser's builder, which escapes markup. Control characters are written as text
 * first (textLine in attributes, which are one line; terminalText in element text), so the
 * report shows them as escapes, as text reports do; what XML 1.0 still cannot carry is replaced.
 */
import { terminalText, textLine } from './escape';

/** One test case: passed, failed (with what failed) or skipped (with why). */
export interface JunitCase {
  /** What was checked, e.g. a rule id and its summary. */
  readonly name: string;
  /** The group it belongs to; JUnit readers show it as the class (here: the file). */
  readonly classname: string;
  /** The file the case is about, for tools that link it (GitLab). @default none */
  readonly file?: string;
  /** @default none */
  readonly line?: number;
  /** Present when the case failed. @default passed */
  readonly failure?: { readonly message: string; readonly type: string; readonly text: string };
  /** Present when the case was skipped (acknowledged findings). @default not skipped */
  readonly skipped?: string;
  /** What the case printed: findings that inform without failing. @default nothing */
  readonly output?: string;
}

/** A group of cases: a file, a rule, an expectations file. */
export interface JunitSuite {
  /** e.g. the file. */
  readonly name: string;
  /** In the order they are written. */
  readonly cases: readonly JunitCase[];
}

/**
 * What is left outside XML 1.0's Char production once controls are escapes (lone surrogates,
 * U+FFFE and U+FFFF) becomes U+FFFD: no escape can write them.
 */
function xmlChars(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** An attribute value: one line, control characters and line breaks as escapes. */
function xmlAttribute(text: string): string {
  return xmlChars(textLine(text));
}

/** Element text: its lines kept, other control characters as escapes. */
function xmlText(text: string): string {
  return xmlChars(terminalText(text));
}

function caseElement(testCase: JunitCase): Record<string, unknown> {
  return {
    '@_name': xmlAttribute(testCase.name),
    '@_classname': xmlAttribute(testCase.classname),
    ...(testCase.file ? { '@_file': xmlAttribute(testCase.file) } : {}),
    ...(testCase.line !== undefined ? { '@_line': testCase.line } : {}),
    ...(testCase.failure
      ? { failure: { '@_message': xmlAttribute(testCase.failure.message), '@_type': xmlAttribute(testCase.failure.type), '#text': xmlText(testCase.failure.text) } }
      : {}),
    ...(testCase.skipped !== undefined ? { skipped: { '@_message': xmlAttribute(testCase.skipped) } } : {}),
    ...(testCase.output ? { 'system-out': { '#text': xmlText(testCase.output) } } : {}),
  };
}

/** A case's text of one entry per line: a line break inside an entry is its own, shown as an escape, so no entry forges a line. */
export function junitLines(entries: readonly string[]): string {
  return entries.map(textLine).join('\n');
}

function counts(cases: readonly JunitCase[]): Record<string, number> {
  return {
    '@_tests': cases.length,
    '@_failures': cases.filter((testCase) => testCase.failure).length,
    '@_errors': 0,
    '@_skipped': cases.filter((testCase) => testCase.skipped !== undefined && !testCase.failure).length,
  };
}

/** The JUnit XML document of `suites`, under one `<testsuites name="...">`. */
export function renderJunit(name: string, suites: readonly JunitSuite[]): string {
  const { XMLBuilder } = require('fast-xml-parser') as typeof import('fast-xml-parser');
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true, processEntities: true });
  const all = suites.flatMap((suite) => suite.cases);
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': xmlAttribute(name),
      ...counts(all),
      testsuite: suites.map((suite) => ({
        '@_name': xmlAttribute(suite.name),
        ...counts(suite.cases),
        testcase: suite.cases.map(caseElement),
      })),
    },
  };
  return builder.build(document) as string;
}
