import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { readFileSync } from 'fs';

/**
 * The SARIF 2.1.0 schema (rtm.5, as SchemaStore publishes it), from the @microsoft/jest-sarif
 * package. Its `language` pattern is not valid as a Unicode regular expression, hence
 * unicodeRegExp: false. Formats (uri, uri-reference, date-time) are checked with ajv-formats.
 */
const SARIF_SCHEMA = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
const sarifAjv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(sarifAjv);

/** Validates a SARIF log against the published schema; `validateSarif.errors` says why not. */
export const validateSarif = sarifAjv.compile(SARIF_SCHEMA);

/** A JUnit reader as GitLab's and Jenkins' see the XML: attributes unprefixed, suites and cases always lists. */
export const junitParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) });
