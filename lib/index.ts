/**
 * cdk8s-netpol: the DSL. Constructs and their props, the peer, port and DNS vocabulary they
 * take, and the `NetpolValidation` cdk8s plugin. The engine has its own entry points:
 * `cdk8s-netpol/analysis`, `/validate`, `/manifests`, `/report` and `/testing`.
 *
 * Named exports only: a construct, prop or peer type added to lib/constructs becomes public
 * when it is listed here (and in the API report, `npm run api`).
 */
export {
  AllowApiServer,
  AllowDns,
  AllowFrom,
  AllowMetricsScrape,
  AllowSameNamespace,
  AllowTo,
  AllowTraffic,
  ConstructInputError,
  DefaultDeny,
  DnsProvider,
  ExternalHttps,
  IpRange,
  Isolate,
  LabelExpression,
  NamespacePolicyChart,
  Namespaces,
  NetworkPolicy,
  NetworkPolicyBase,
  Peer,
  Port,
  Workload,
} from './constructs';
export type {
  AllowApiServerProps,
  AllowDnsProps,
  AllowFromProps,
  AllowMetricsScrapeProps,
  AllowSameNamespaceProps,
  AllowToProps,
  AllowTrafficProps,
  ConstructInputErrorCode,
  CustomDnsOptions,
  DeclaredWorkload,
  DefaultDenyProps,
  EgressRule,
  ExternalHttpsProps,
  FlowEnd,
  ICdk8sPlusWorkload,
  IngressRule,
  IPeer,
  IpRangeOptions,
  IsolateProps,
  NamespacePolicyChartProps,
  NamespacesSelectOptions,
  NetworkPolicyProps,
  NodeLocalDnsOptions,
  OneRuleProps,
  PeerLike,
  PeersLike,
  PolicyDefinition,
  PolicyDirection,
  PolicyRule,
  WorkloadLike,
  WorkloadSelectOptions,
  ZeroTrustBaselineOptions,
} from './constructs';
export type { IpBlock, LabelSelector, LabelSelectorRequirement, NetworkPolicyPeer, NetworkPolicyPort, Protocol, SelectorOperator } from './model';
export { NetpolValidation } from './plugin';
export type { Cdk8sValidationContext, Cdk8sValidationReport, Cdk8sValidationViolation, Cdk8sViolatingResource, NetpolValidationProps } from './plugin';
