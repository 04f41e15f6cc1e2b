import type { ManifestFinding } from '../manifests';
import { terminalJson, textLine } from './escape';
import type { ReviewedFinding } from './reviewed-finding';

/** Renders validation findings: one text line each, or a JSON array. */

/** `1 error`, `2 errors`: a count with its noun, for every report's totals. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `Kind namespace/name`, or `Kind name` for cluster-scoped objects. */
export function objectLabel(finding: ManifestFinding): string {
  const name = finding.name || '(unnamed)';
  return `${finding.kind} ${finding.namespace !== undefined ? `${finding.namespace}/${name}` : name}`;
}

/** The note on a finding whose acknowledgement expired. */
function expiredNote(finding: ReviewedFinding): string {
  const expired = finding.expiredAcknowledgement;
  return expired ? ` (acknowledgement expired on ${expired.expires}: ${expired.reason}; ${expired.where})` : '';
}

/**
 * `file: Kind namespace/name: path: severity: [rule] message`, one line per finding that
 * counts (`file: severity: message` for a skipped document): acknowledged findings are left
 * out (findingsSummary counts them, JSON and SARIF list them). Each line is shown as one
 * line whatever the input put in names, paths and messages (textLine).
 */
export function renderFindingsText(findings: readonly ReviewedFinding[]): string {
  return findings
    .filter((finding) => !finding.acknowledged)
    .map((finding) => {
      // A finding about a document that is not an object (kind '') names no object.
      const parts = [finding.file || '(no file)', ...(finding.kind ? [objectLabel(finding)] : [])];
      if (finding.path) {
        parts.push(finding.path);
      }
      parts.push(finding.severity, `[${finding.rule}] ${finding.message}${expiredNote(finding)}`);
      return `${textLine(parts.join(': '))}\n`;
    })
    .join('');
}

/**
 * A JSON array of `{severity, file, kind, namespace, name, path, message, rule}`; namespace is
 * null for cluster-scoped objects, path is written as the API server writes it. An
 * acknowledged finding has `acknowledged: {by, reason, where, expires?}`; one whose
 * acknowledgement expired has `expiredAcknowledgement` of the same form.
 */
export function renderFindingsJson(findings: readonly ReviewedFinding[]): string {
  const rows = findings.map((finding) => ({
    severity: finding.severity,
    file: finding.file,
    kind: finding.kind,
    namespace: finding.namespace ?? null,
    name: finding.name,
    path: finding.path,
    message: finding.message,
    rule: finding.rule,
    ...(finding.acknowledged ? { acknowledged: finding.acknowledged } : {}),
    ...(finding.expiredAcknowledgement ? { expiredAcknowledgement: finding.expiredAcknowledgement } : {}),
  }));
  return `${terminalJson(JSON.stringify(rows, null, 2))}\n`;
}

/**
 * What was checked and what was found, e.g. `1 error, 2 warnings in 3 objects from 2 files`;
 * acknowledged findings are counted apart (`1 error, 0 warnings (2 acknowledged) in ...`).
 */
export function findingsSummary(findings: readonly ReviewedFinding[], objectCount: number, fileCount: number): string {
  const counted = findings.filter((finding) => !finding.acknowledged);
  const errors = counted.filter((finding) => finding.severity === 'error').length;
  const warnings = counted.length - errors;
  const acknowledged = findings.length - counted.length;
  const aside = acknowledged > 0 ? ` (${acknowledged} acknowledged)` : '';
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}${aside} in ${plural(objectCount, 'object')} from ${plural(fileCount, 'file')}`;
}
