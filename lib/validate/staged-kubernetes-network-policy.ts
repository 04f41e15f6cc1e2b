import { forbidden, notSupported } from './field-error';
import { Finding, inRule } from './finding';
import { validateNetworkPolicy } from './network-policy';
import { JsonObject, isAbsent, isObject } from './shape';

/**
 * Calico's StagedKubernetesNetworkPolicy (open source since Calico 3.30): a NetworkPolicy spec
 * that Calico evaluates and reports on (flow logs) but does not enforce. Read from
 * projectcalico/calico api/pkg/apis/projectcalico/v3/stagedkubernetesnetworkpolicy.go: the spec
 * is networking/v1's (`podSelector`, `ingress`, `egress`, `policyTypes`) plus `stagedAction`;
 * `ConvertStagedKubernetesPolicyToK8SEnforced` makes the NetworkPolicy it stands for (same
 * name, namespace and spec). `stagedAction` (policy_common.go) is one of Set (the default:
 * stage this policy), Delete (stage the deletion of the NetworkPolicy of that name; every
 * other spec field must then be empty, libcalico-go validator `validateStagedKubernetesNetworkPolicy`),
 * Learn and Ignore (states of Calico's policy recommendation).
 */

export const STAGED_KUBERNETES_NETWORK_POLICY_KIND = 'StagedKubernetesNetworkPolicy';
/** The Calico API server's version, and the CRD version behind it (libcalico-go crd.projectcalico.org/v1). */
export const STAGED_KUBERNETES_NETWORK_POLICY_API_VERSIONS: readonly string[] = ['projectcalico.org/v3', 'crd.projectcalico.org/v1'];
/** What a staged policy stages: `Set` its spec, `Delete` the NetworkPolicy of its name, or a recommendation state. */
export type StagedAction = 'Set' | 'Delete' | 'Learn' | 'Ignore';

const STAGED_ACTIONS: readonly StagedAction[] = ['Set', 'Delete', 'Learn', 'Ignore'];

/** A StagedKubernetesNetworkPolicy validated: its findings, and when valid, what it stages. */
export interface StagedPolicyValidation {
  /** Errors at the object's own field paths (`spec.stagedAction`, `spec.ingress[0]...`) and lint warnings. */
  readonly findings: readonly Finding[];
  /** The staged action, `Set` when absent; undefined when `spec.stagedAction` is invalid. */
  readonly action?: StagedAction;
  /** For `Set`, the NetworkPolicy it stands for (`networking.k8s.io/v1`, same metadata and spec). */
  readonly networkPolicy?: JsonObject;
}

/** The NetworkPolicy a staged one stands for: the same object under networking.k8s.io/v1, without `stagedAction`. */
export function stagedAsNetworkPolicy(staged: JsonObject): JsonObject {
  const converted = { ...staged, apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' };
  if (!isObject(staged.spec)) {
    return converted;
  }
  const { stagedAction: _action, ...spec } = staged.spec;
  return { ...converted, spec };
}

/**
 * Validates an untrusted StagedKubernetesNetworkPolicy: `apiVersion`, `spec.stagedAction`, and
 * for Set (or a recommendation state) the NetworkPolicy it stands for, with the API server's
 * NetworkPolicy rules (Calico converts it and validates the result). Never throws.
 */
export function validateStagedKubernetesNetworkPolicy(staged: unknown): StagedPolicyValidation {
  if (!isObject(staged)) {
    return { findings: validateNetworkPolicy(staged) };
  }
  const findings: Finding[] = [];
  if (!STAGED_KUBERNETES_NETWORK_POLICY_API_VERSIONS.includes(staged.apiVersion as string)) {
    findings.push(...inRule('api-type-meta', [notSupported('apiVersion', staged.apiVersion, STAGED_KUBERNETES_NETWORK_POLICY_API_VERSIONS)]));
  }
  const spec = isObject(staged.spec) ? staged.spec : {};
  const given = spec.stagedAction;
  const action = isAbsent(given) ? 'Set' : STAGED_ACTIONS.find((each) => each === given);
  if (action === undefined) {
    findings.push(...inRule('crd-schema', [notSupported('spec.stagedAction', given, STAGED_ACTIONS)]));
  }
  if (action === 'Delete') {
    const set = Object.keys(spec).filter((key) => key !== 'stagedAction' && !isAbsent(spec[key]));
    if (set.length > 0) {
      findings.push(
        ...inRule('crd-schema', [
          forbidden(`spec.${set[0]}`, `spec fields should all be zero-value if stagedAction is Delete (it stages the deletion of the NetworkPolicy of this name); set: ${set.join(', ')}`),
        ]),
      );
    }
    findings.push(...validateNetworkPolicy(stagedAsNetworkPolicy({ ...staged, spec: {} })).filter((finding) => !finding.path.startsWith('spec')));
    return { findings, ...(findings.some((finding) => finding.severity === 'error') ? {} : { action }) };
  }
  const networkPolicy = stagedAsNetworkPolicy(staged);
  // The converted object's apiVersion and kind are right by construction; the staged one's were checked above.
  findings.push(...validateNetworkPolicy(networkPolicy).filter((finding) => finding.rule !== 'api-type-meta'));
  if (findings.some((finding) => finding.severity === 'error') || action === undefined) {
    return { findings };
  }
  return { findings, action, networkPolicy };
}
