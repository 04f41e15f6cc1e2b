import { ManifestFinding, ManifestObject, fromObjectFinding } from '../manifests';
import { ClusterModel, POLICY_API_GROUP, apiGroup } from '../model';
import { AdminTierKind, AdminTierObjectRef, CNI_NAMES, CniName, checkCniProfile, closestNames, isCniName } from '../validate';

/** A `--cni` value (or the plugin's `cni` property) that names no profile. */
export class UnknownCniError extends Error {
  readonly code = 'UNKNOWN_CNI';

  constructor(
    readonly field: string,
    readonly value: string,
  ) {
    const suggestions = closestNames(value, CNI_NAMES);
    const hint = suggestions.length > 0 ? `did you mean ${suggestions.join(', ')}? ` : '';
    super(`${field}: unknown CNI ${JSON.stringify(value)}; ${hint}valid: ${CNI_NAMES.join(', ')}`);
    this.name = 'UnknownCniError';
  }
}

/** `value` as a profile name, or UnknownCniError naming `field` (e.g. `--cni`) and the valid names. */
export function requireCniName(field: string, value: string): CniName {
  if (!isCniName(value)) {
    throw new UnknownCniError(field, value);
  }
  return value;
}

const ADMIN_TIER_KINDS: readonly AdminTierKind[] = ['ClusterNetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy'];

function adminTierObject(object: ManifestObject): AdminTierObjectRef | undefined {
  const kind = ADMIN_TIER_KINDS.find((candidate) => candidate === object.kind);
  if (!kind || apiGroup(object.apiVersion) !== POLICY_API_GROUP) {
    return undefined;
  }
  return { kind, name: object.name, source: object.source };
}

/**
 * The CNI profile's warnings over a manifest set: its valid NetworkPolicies (from the model)
 * and its admin-tier objects (by kind), placed on the objects they are about.
 */
export function cniProfileFindings(cni: CniName, objects: readonly ManifestObject[], model: ClusterModel): ManifestFinding[] {
  const adminPolicies = objects.map(adminTierObject).filter((object): object is AdminTierObjectRef => object !== undefined);
  return checkCniProfile(cni, { policies: model.policies, adminPolicies }).map(fromObjectFinding);
}
