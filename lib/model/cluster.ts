import { Endpoint, Namespace } from './endpoint';
import { NetworkPolicy } from './network-policy';
import { SourceRef } from './source';

/** A NetworkPolicy with its namespace resolved and where it came from. */
export interface PolicyEntry {
  /** The policy; `metadata.namespace` is always set here. */
  readonly policy: NetworkPolicy;
  readonly source?: SourceRef;
}

/** Everything the analyzer needs: namespaces, endpoints and policies. Pure data. */
export interface ClusterModel {
  readonly namespaces: readonly Namespace[];
  readonly endpoints: readonly Endpoint[];
  readonly policies: readonly PolicyEntry[];
}
