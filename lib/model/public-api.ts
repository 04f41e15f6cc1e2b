/**
 * The model as the package's entry points show it: plain data the engine reads and the
 * manifest reader writes. Not an entry point of its own: /analysis, /manifests and /validate
 * re-export it, so each entry is complete for its users.
 */
export { MAX_PORT, MIN_PORT, NAMESPACE_NAME_LABEL, PROTOCOLS, endpointId, parseEndpointId } from './index';
export type {
  AdminNetworkPolicy,
  AdminTierPolicy,
  AdminTierPolicyEntry,
  BaselineAdminNetworkPolicy,
  ClusterModel,
  ClusterNetworkPolicy,
  ContainerPort,
  Direction,
  Endpoint,
  IpBlock,
  LabelSelector,
  LabelSelectorRequirement,
  Labels,
  Namespace,
  NetworkPolicy,
  NetworkPolicyEgressRule,
  NetworkPolicyIngressRule,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicySpec,
  ObjectMeta,
  PolicyEntry,
  PolicyType,
  Protocol,
  SelectorOperator,
  SourceRef,
} from './index';
