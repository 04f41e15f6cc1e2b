/** `cdk8s-netpol/manifests`: reading YAML and JSON manifests into the cluster model. */
export * from '../model/public-api';
export { MAX_ALIAS_COUNT, MAX_MANIFEST_BYTES, ManifestError, buildClusterModel, loadManifests } from './index';
export type {
  ClusterModelBuild,
  EndpointObject,
  FieldPosition,
  LoadManifestsOptions,
  LoadedManifests,
  ManifestFinding,
  ManifestObject,
  NamespaceObject,
  OtherObject,
  PolicyObject,
  RejectedPolicy,
} from './index';
