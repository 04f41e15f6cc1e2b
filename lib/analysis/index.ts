export * from './types';
export { Analyzer } from './analyzer';
export type { PortMatrixEntry } from './analyzer';
export type { EndpointFilter } from './endpoint-filter';
export {
  ALL_PORTS,
  NO_PORTS,
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
export { parseAddressOrNetwork } from './outside-space';
export * from './diff';
export type { RuleTables, RuleTableRule, RuleTablePort } from './rule-tables';
