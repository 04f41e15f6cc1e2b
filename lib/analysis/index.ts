export * from './types';
export { Analyzer } from './analyzer';
export type { PairCounts, PortMatrixEntry } from './analyzer';
export type { EndpointFilter } from './endpoint-filter';
export {
  ALL_PORTS,
  NO_PORTS,
  firstProbe,
  formatPortSet,
  formatProbe,
  intersectPortSets,
  isEmptyPortSet,
  portRangeSet,
  portSetHas,
  unionPortSets,
} from './port-set';
export { externalPeerOf, externalFlows, addressPeers } from './external-peers';
export type { ExternalPeer } from './external-peers';
export { keepsSource, keepsDestination, keepsEither } from './endpoint-filter';
export { compareFlows } from './compare-flows';
export * from './diff';
export { OutsideAddressError, describeRuns, outsideSpace, parseAddressOrNetwork } from './outside-space';
export type { AddressRun, OutsideAddresses, OutsideRegion, OutsideSpace } from './outside-space';
export type { RuleTables, RuleTableRule, RuleTablePort } from './rule-tables';
