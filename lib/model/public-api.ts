/**
 * The model as the package's entry points show it: plain data the engine reads and the
 * manifest reader writes. Not an entry point of its own: /analysis, /manifests and /validate
 * re-export it, so each entry is complete for its users.
 */
export {
  MAX_PORT,
  MIN_PORT,
  NAMESPACE_NAME_LABEL,
  PROTOCOLS,
  endpointId,
  findServicePort,
  parseEndpointId,
  resolveTargetPort,
  serviceId,
  servicePods,
  serviceTargets,
} from './index';
export type {
  ClusterModel,
  ContainerPort,
  ExternalTrafficPolicy,
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
  Service,
  ServiceCaller,
  ServicePort,
  ServiceReference,
  ServiceTarget,
  ServiceType,
  SourceRef,
  WebhookFailurePolicy,
} from './index';
