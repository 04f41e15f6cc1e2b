import { apiGroup } from '../model';

/**
 * Policy kinds that change traffic but that the analysis does not evaluate, by `group/Kind`
 * (any version: a version we have not seen still filters traffic), with who enforces them.
 * The admin tier (policy.networking.k8s.io AdminNetworkPolicy, BaselineAdminNetworkPolicy,
 * ClusterNetworkPolicy) is evaluated: see decode-admin-tier.ts, which refuses a version it does
 * not read. Sources, read for the group, the kinds and the versions:
 * - cilium.io: CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy (v2), cilium/cilium
 *   pkg/k8s/apis/cilium.io/v2/register.go (addKnownTypes).
 * - projectcalico.org (v3, the Calico API server: projectcalico/calico
 *   pkg/apis/projectcalico/v3/doc.go `+groupName=projectcalico.org`) and crd.projectcalico.org
 *   (v1, the CRDs behind it: libcalico-go/config/crd/crd.projectcalico.org_networkpolicies.yaml
 *   and _globalnetworkpolicies.yaml): NetworkPolicy, GlobalNetworkPolicy, and their staged forms
 *   StagedNetworkPolicy and StagedGlobalNetworkPolicy (api/pkg/apis/projectcalico/v3/
 *   stagednetworkpolicy.go, stagedglobalnetworkpolicy.go): previews that enforce nothing, in
 *   Calico's own policy model, which `--staged` cannot evaluate either. Staged*Kubernetes*
 *   NetworkPolicy has NetworkPolicy's spec and is read (manifest-object.ts, role `staged`).
 * - k8s.cni.cncf.io: MultiNetworkPolicy (v1beta1, v1beta2), k8snetworkplumbingwg/multi-networkpolicy
 *   pkg/apis/k8s.cni.cncf.io/v1beta1 and v1beta2; it filters secondary (Multus) networks.
 */
/** Who enforces a staged Calico-model policy. */
const STAGED_CALICO = "nobody while staged (Calico logs what its Calico-model rules would do; netpol does not evaluate them, with or without --staged)";

const UNEVALUATED_POLICY_KINDS: ReadonlyMap<string, UnevaluatedPolicyKind> = new Map([
  ['cilium.io/CiliumNetworkPolicy', { enforcer: 'Cilium', namespaced: true }],
  ['cilium.io/CiliumClusterwideNetworkPolicy', { enforcer: 'Cilium', namespaced: false }],
  ['projectcalico.org/NetworkPolicy', { enforcer: 'Calico', namespaced: true }],
  ['projectcalico.org/GlobalNetworkPolicy', { enforcer: 'Calico', namespaced: false }],
  ['crd.projectcalico.org/NetworkPolicy', { enforcer: 'Calico', namespaced: true }],
  ['crd.projectcalico.org/GlobalNetworkPolicy', { enforcer: 'Calico', namespaced: false }],
  ['projectcalico.org/StagedNetworkPolicy', { enforcer: STAGED_CALICO, namespaced: true }],
  ['projectcalico.org/StagedGlobalNetworkPolicy', { enforcer: STAGED_CALICO, namespaced: false }],
  ['crd.projectcalico.org/StagedNetworkPolicy', { enforcer: STAGED_CALICO, namespaced: true }],
  ['crd.projectcalico.org/StagedGlobalNetworkPolicy', { enforcer: STAGED_CALICO, namespaced: false }],
  ['k8s.cni.cncf.io/MultiNetworkPolicy', { enforcer: 'multi-networkpolicy, on secondary (Multus) networks', namespaced: true }],
]);

/** A policy kind the analysis does not evaluate. */
export interface UnevaluatedPolicyKind {
  /** Who enforces it, for people: `Cilium`, `the admin tier, before NetworkPolicies`. */
  readonly enforcer: string;
  /** Whether its objects live in a namespace (the default one when they name none). */
  readonly namespaced: boolean;
}

/** The kind, when it is a policy kind the analysis does not evaluate; undefined for every other kind. */
export function unevaluatedPolicyKind(apiVersion: string, kind: string): UnevaluatedPolicyKind | undefined {
  return UNEVALUATED_POLICY_KINDS.get(`${apiGroup(apiVersion)}/${kind}`);
}
