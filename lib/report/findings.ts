import type { ManifestFinding } from '../manifests';

/** Renders validation findings: one text line each, or a JSON array. */

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `Kind namespace/name`, or `Kind name` for cluster-scoped objects. */
function objectLabel(finding: ManifestFinding): string {
  const name = finding.name || '(unnamed)';
  return `${finding.kind} ${finding.namespace !== undefined ? `${finding.namespace}/${name}` : name}`;
}

/**
 * `file: Kind namespace/name: path: severity: message`, one line per finding (`file: severity:
 * message` for a skipped document); a rule id, where the finding has one, leads the message as `[rule]`.
 */
export function renderFindingsText(findings: readonly ManifestFinding[]): string {
  return findings
    .map((finding) => {
      // A finding about a document that is not an object (kind '') names no object.
      const parts = [finding.file || '(no file)', ...(finding.kind ? [objectLabel(finding)] : [])];
      if (finding.path) {
        parts.push(finding.path);
      }
      parts.push(finding.severity, finding.rule ? `[${finding.rule}] ${finding.message}` : finding.message);
      return `${parts.join(': ')}\n`;
    })
    .join('');
}

/**
 * A JSON array of `{severity, file, kind, namespace, name, path, message}`, plus `rule` where
 * the finding has a rule id; namespace is null for cluster-scoped objects, path is written as
 * the API server writes it.
 */
export function renderFindingsJson(findings: readonly ManifestFinding[]): string {
  const rows = findings.map((finding) => ({
    severity: finding.severity,
    file: finding.file,
    kind: finding.kind,
    namespace: finding.namespace ?? null,
    name: finding.name,
    path: finding.path,
    message: finding.message,
    ...(finding.rule ? { rule: finding.rule } : {}),
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** What was checked and what was found, e.g. `1 error, 2 warnings in 3 objects from 2 files`. */
export function findingsSummary(findings: readonly ManifestFinding[], objectCount: number, fileCount: number): string {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.length - errors;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(objectCount, 'object')} from ${plural(fileCount, 'file')}`;
}
