import { ClusterModelOptions, ManifestFinding, ManifestObject, buildClusterModel, fromObjectFinding } from '../manifests';
import { CniName, lintModel } from '../validate';
import { cniProfileFindings } from './cni-profile-check';
import { ServiceCheckOptions, serviceFindings } from './service-checks';

/** Options of checkManifestSet: how to build the model, and the CNI to judge enforcement by. */
export interface CheckManifestSetOptions extends ClusterModelOptions, ServiceCheckOptions {
  /**
   * The CNI plugin the cluster runs: adds its profile's warnings where it would not enforce
   * what the policies say (lib/validate/cni-profiles.ts).
   * @default no CNI profile
   */
  readonly cni?: CniName;
}

/**
 * Checks a manifest set as `netpol validate` and the cdk8s plugin do: every object's findings
 * (API-server rules per NetworkPolicy, unplaced objects, duplicates) in input order, then the
 * estate lint over the policies that passed, then the Service rules (service-checks.ts), then
 * (with `cni`) the CNI profile's warnings. Staged policies (Calico's StagedKubernetesNetworkPolicy)
 * are linted as the NetworkPolicies they will be once enforced, unless `staged: false`.
 */
export function checkManifestSet(objects: readonly ManifestObject[], options: CheckManifestSetOptions = {}): ManifestFinding[] {
  const build = buildClusterModel(objects, { staged: true, ...options });
  const cni = options.cni ? cniProfileFindings(options.cni, objects, build.model) : [];
  // The model holds a staged policy as the NetworkPolicy it stands for; its findings name the object's own kind.
  const stagedKinds = new Map(build.staged.map(({ object }) => [`${object.source.file}#${object.source.documentIndex}`, object.kind]));
  const ownKind = (finding: ManifestFinding): ManifestFinding => ({ ...finding, kind: stagedKinds.get(`${finding.file}#${finding.documentIndex}`) ?? finding.kind });
  return [...build.findings, ...[...lintModel(build.model).map(fromObjectFinding), ...serviceFindings(build.model, options), ...cni].map(ownKind)];
}

/** Whether a check fails: on any error, and with `strict` on any warning too. */
export function checkFails(findings: readonly ManifestFinding[], strict: boolean): boolean {
  return findings.some((finding) => finding.severity === 'error' || strict);
}
