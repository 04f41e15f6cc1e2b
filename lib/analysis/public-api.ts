/** `cdk8s-netpol/analysis`: who can reach whom over a cluster model, and why. */
export * from '../model/public-api';
export {
  ALL_PORTS,
  Analyzer,
  NO_PORTS,
  diffPortMatrices,
  externalFlows,
  externalPeerOf,
  formatPortSet,
  formatProbe,
  intersectPortSets,
  isEmptyPortSet,
  portRangeSet,
  portSetHas,
  unionPortSets,
} from './index';
export type {
  DecidingTier,
  DirectionVerdict,
  EndpointFilter,
  Explanation,
  ExternalPeer,
  Peer,
  PolicyDiff,
  PortMatrixEntry,
  PortProbe,
  PortRange,
  PortSet,
  ReachResult,
  RuleRef,
  TierRuleRef,
  TierVerdict,
} from './index';
