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
}
