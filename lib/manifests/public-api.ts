/** `cdk8s-netpol/manifests`: reading YAML and JSON manifests into the cluster model. */
export * from '../model/public-api';
export { InputLimitError, MAX_ALIAS_COUNT, MAX_DOCUMENTS, MAX_MANIFEST_BYTES, MAX_YAML_NODES, ManifestError, buildClusterModel, loadManifests } from './index';
export type {
  ClusterModelBuild,
  ClusterModelOptions,
  ControllerRef,
  EndpointObject,
  InvalidObject,
  FieldPosition,
  InputBudgetOptions,
  InputLimit,
  LoadManifestsOptions,
  LoadedManifests,
  ManifestFinding,
  ManifestObject,
  ManifestObjectBase,
  ManifestSource,
  NamespaceObject,
  OtherObject,
  PolicyObject,
  ReadInputOptions,
  RejectedObject,
  ServiceObject,
  ServiceReferrerObject,
  SkippedDocument,
  StagedPolicy,
  StagedPolicyObject,
  UnevaluatedPolicyObject,
  WorkloadEndpointOptions,
} from './index';
// A finding's own fields, as ManifestFinding extends them.
export type { Finding, RuleId, Severity, StagedAction } from '../validate';
export { RULES } from '../validate';
