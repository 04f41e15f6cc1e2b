import { ClusterModelOptions, ManifestFinding, ManifestObject, buildClusterModel, fromObjectFinding } from '../manifests';
import { lintModel } from '../validate';

/**
 * Checks a manifest set as `netpol validate` and the cdk8s plugin do: every object's findings
 * (API-server rules per NetworkPolicy, unplaced objects, duplicates) in input order, then the
 * estate lint over the policies that passed.
 */
export function checkManifestSet(objects: readonly ManifestObject[], options: ClusterModelOptions = {}): ManifestFinding[] {
  const build = buildClusterModel(objects, options);
  return [...build.findings, ...lintModel(build.model).map(fromObjectFinding)];
}

/** Whether a check fails: on any error, and with `strict` on any warning too. */
export function checkFails(findings: readonly ManifestFinding[], strict: boolean): boolean {
  return findings.some((finding) => finding.severity === 'error' || strict);
}
