/**
 * cdk8s-netpol's public API. Rooms, from intent down to judgments:
 * constructs (the cdk8s DSL) -> model (plain policy data) -> validate (API-server rules and
 * lint) -> manifests (YAML in) -> analysis (who can reach whom) -> report (renderers).
 * The jest matchers are a separate entry point: `cdk8s-netpol/testing`.
 */
export * from './model';
export * from './constructs';
// The DSL's names win over the model's plain `NetworkPolicy` type and the analysis's `Peer`.
export { NetworkPolicy, Peer } from './constructs';
export * from './validate';
export {
  MAX_MANIFEST_BYTES,
  MAX_ALIAS_COUNT,
  ManifestError,
  loadManifests,
  buildClusterModel,
} from './manifests';
export type {
  LoadManifestsOptions,
  LoadedManifests,
  ManifestObject,
  PolicyObject,
  EndpointObject,
  NamespaceObject,
  OtherObject,
  ClusterModelBuild,
  RejectedPolicy,
  ManifestFinding,
} from './manifests';
export * from './analysis';
export * from './analysis/diff';
export * from './report';
export * from './plugin';
