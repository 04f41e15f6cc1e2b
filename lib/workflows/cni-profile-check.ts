import { ManifestFinding, ManifestObject, fromObjectFinding } from '../manifests';
import { ClusterModel, Endpoint, HOST_NETWORK_CAVEAT, POLICY_API_GROUP, apiGroup } from '../model';
import { AdminTierKind, AdminTierObjectRef, CNI_NAMES, CNI_PROFILES, CniName, CniProfile, checkCniProfile, closestNames, isCniName } from '../validate';

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
  return checkCniProfile(cni, { policies: model.policies, adminPolicies, model }).map(fromObjectFinding);
}

/** The hostNetwork caveat as the profile states it: what the plugin does with such pods, and where that is written. */
function hostNetworkCaveat(profile: CniProfile): string {
  const { treatment, sources } = profile.hostNetworkPods;
  const source = sources.length > 0 ? `source: ${sources[0].url}` : 'source: unknown';
  switch (treatment) {
    case 'node':
      return `hostNetwork: ${profile.title} treats this pod as its node: no NetworkPolicy selects it and no selector matches it, only ipBlocks of the node's address and rules open to every peer (${source})`;
    case 'peer-only':
      return `hostNetwork: ${profile.title} applies no NetworkPolicy to this pod, but rule selectors still match it by its IP, the node's (${source})`;
    case 'pod':
      return `hostNetwork: ${profile.title} applies NetworkPolicies to this pod as to any pod (${source})`;
    case 'unknown':
      return `hostNetwork: how ${profile.title} treats this pod is unknown (${profile.hostNetworkPods.detail}): the verdict is the API's reading, as if policies applied to it like to any pod`;
  }
}

/**
 * The model as the cluster's plugin runs it: hostNetwork pods treated as its profile says
 * (ClusterModel.hostNetworkPods; unchanged where the profile does not know), and their caveat
 * replaced by the profile's statement with its source.
 */
export function modelUnderCni(cni: CniName, model: ClusterModel): ClusterModel {
  const profile = CNI_PROFILES[cni];
  const { treatment } = profile.hostNetworkPods;
  const caveat = hostNetworkCaveat(profile);
  const endpoints = model.endpoints.map((endpoint): Endpoint =>
    endpoint.hostNetwork && endpoint.caveats?.includes(HOST_NETWORK_CAVEAT)
      ? { ...endpoint, caveats: endpoint.caveats.map((entry) => (entry === HOST_NETWORK_CAVEAT ? caveat : entry)) }
      : endpoint,
  );
  return { ...model, endpoints, ...(treatment === 'unknown' ? {} : { hostNetworkPods: treatment }) };
}
