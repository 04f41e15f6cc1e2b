import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readFileSync } from 'fs';

/**
 * The SARIF 2.1.0 schema (rtm.5, as SchemaStore publishes it), from the @microsoft/jest-sarif
 * package, compiled once. Its `language` pattern is not valid as a Unicode regular expression,
 * hence unicodeRegExp: false. Formats (uri, uri-reference, date-time) are checked with ajv-formats.
 */
const SARIF_SCHEMA = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
const sarifAjv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(sarifAjv);

/** Validates a SARIF log; its `errors` say why one is not valid. */
export const validateSarif = sarifAjv.compile(SARIF_SCHEMA);
