import { AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy } from './cluster-network-policy';
import { Endpoint, Namespace } from './endpoint';
import { NetworkPolicy } from './network-policy';
import { Service, ServiceReference } from './service';
import { SourceRef } from './source';

/** A NetworkPolicy with its namespace resolved and where it came from. */
export interface PolicyEntry {
  /** The policy; `metadata.namespace` is always set here. */
  readonly policy: NetworkPolicy;
  readonly source?: SourceRef;
}

/** A cluster-scoped policy of the admin or baseline tier, of either API version. */
export type AdminTierPolicy = ClusterNetworkPolicy | AdminNetworkPolicy | BaselineAdminNetworkPolicy;

/** An admin-tier policy (valid per its CRD) and where it came from. */
export interface AdminTierPolicyEntry {
  readonly policy: AdminTierPolicy;
  readonly source?: SourceRef;
}

/** Everything the analyzer needs: namespaces, endpoints and policies. Pure data. */
export interface ClusterModel {
  readonly namespaces: readonly Namespace[];
  readonly endpoints: readonly Endpoint[];
  readonly policies: readonly PolicyEntry[];
  /**
   * Services, sorted by namespace and name. The analysis does not read them: the workflows
   * resolve a Service to its pods and target ports (service.ts) and ask about those.
   * @default none
   */
  readonly services?: readonly Service[];
  /**
   * Ingress and route backends and admission webhooks that send traffic to Services, in input order.
   * @default none
   */
  readonly serviceReferences?: readonly ServiceReference[];
  /**
   * ClusterNetworkPolicies, AdminNetworkPolicies and the BaselineAdminNetworkPolicy, sorted
   * by kind then name; evaluated before (Admin tier) and after (Baseline tier) the NetworkPolicies.
   * @default none: NetworkPolicies alone decide
   */
  readonly adminTierPolicies?: readonly AdminTierPolicyEntry[];
  /**
   * How the network plugin treats pods with `hostNetwork: true`, which Kubernetes leaves
   * undefined (concepts/services-networking/network-policies, "NetworkPolicy and hostNetwork pods").
   * @default 'pod': policies apply to them as to any pod, the API's own reading (verdicts carry a caveat)
   */
  readonly hostNetworkPods?: HostNetworkTreatment;
}

/**
 * How a network plugin treats hostNetwork pods (ClusterModel.hostNetworkPods).
 * - `pod`: like any pod.
 * - `node`: as their node, the common implementation: no NetworkPolicy selects them and no pod
 *   or namespace selector of a rule matches them, so only ipBlocks (their IP is the node's) and
 *   all-sources or all-destinations rules reach them.
 * - `peer-only`: no NetworkPolicy selects them, but rule selectors still match them.
 */
export type HostNetworkTreatment = 'pod' | 'node' | 'peer-only';
