import { ManifestFinding } from '../manifests';
import { Cdk8sValidationViolation } from './cdk8s-validation-contract';

/** `NetworkPolicy shop/web`, `Namespace shop`; for input that could not be read, `document 2` or `file`. */
function objectName(finding: ManifestFinding): string {
  if (!finding.kind) {
    return finding.documentIndex === undefined ? 'file' : `document ${finding.documentIndex}`;
  }
  const name = finding.name || '(unnamed)';
  return `${finding.kind} ${finding.namespace ? `${finding.namespace}/${name}` : name}`;
}

function recommendation(finding: ManifestFinding, strict: boolean): string {
  if (finding.severity === 'error') {
    return 'The API server rejects this object, so applying the manifest would fail.';
  }
  return strict
    ? 'Kubernetes accepts this, but it is probably not what was meant (a warning; strict: true makes warnings fail synth).'
    : 'Kubernetes accepts this, but it is probably not what was meant (a warning; it does not fail synth).';
}

/**
 * One finding as one entry of the cdk8s validation report. The rule name carries the whole
 * message (severity, object, field path, rule id where there is one, what is wrong), so it reads on its own; the
 * resource is named by `metadata.name`, which cdk8s maps back to the construct path.
 */
export function findingViolation(finding: ManifestFinding, strict: boolean): Cdk8sValidationViolation {
  const object = objectName(finding);
  const where = finding.path ? `${finding.path}: ` : '';
  const target = finding.path ? `${finding.path} of ${object}` : object;
  return {
    ruleName: `${finding.severity}: ${object}: ${where}${finding.rule ? `[${finding.rule}] ` : ''}${finding.message}`,
    recommendation: recommendation(finding, strict),
    fix: `Change ${target} as the message says; \`netpol validate ${finding.file}\` repeats this check.`,
    violatingResources: [
      {
        resourceName: finding.name,
        locations: finding.path ? [finding.path] : [],
        manifestPath: finding.file,
      },
    ],
  };
}
