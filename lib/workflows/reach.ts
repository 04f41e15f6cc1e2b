import {
  Analyzer,
  EndpointFilter,
  ExternalPeer,
  PortMatrixEntry,
  PortProbe,
  ReachResult,
  compareFlows,
  externalFlows,
  isEmptyPortSet,
  keepsEither,
  portSetHas,
} from '../analysis';
import { compareText } from '../model';

/** What to reach: which endpoints, and addresses outside the cluster in both directions. */
export interface ReachScope {
  /**
   * Which endpoints are sources and destinations.
   * @default every endpoint, both ways
   */
  readonly filter?: EndpointFilter;
  /**
   * Addresses or networks outside the cluster, each a peer in both directions.
   * @default none
   */
  readonly externals?: readonly ExternalPeer[];
}

/** Every allowed port per ordered pair, endpoints and outside peers together. */
export interface PortMatrix {
  /** What the matrix lists, sorted: endpoints either filter keeps, and the outside peers' labels. */
  readonly endpoints: readonly string[];
  /** Pairs with something allowed, in flow order (compareFlows). */
  readonly flows: readonly PortMatrixEntry[];
}

/**
 * Reach and the port matrix list the same peers: the endpoints and outside peers either
 * filter keeps (an outside peer is no namespace or endpoint, so a filter given drops it on
 * that side).
 */
function listedPeers(analyzer: Analyzer, filter: EndpointFilter, externals: readonly ExternalPeer[]): string[] {
  return [...analyzer.endpointIds(), ...externals.map((external) => external.label)].filter((id) => keepsEither(filter, id)).sort(compareText);
}

/** Every allowed ordered pair on one port, flows to and from the outside peers included. */
export function reachOnPort(analyzer: Analyzer, probe: PortProbe, scope: ReachScope = {}): ReachResult {
  const { filter = {}, externals = [] } = scope;
  const result = analyzer.reach(probe, filter);
  const flows = externalFlows(analyzer, externals, filter);
  const pairsOf = (keep: (flow: PortMatrixEntry) => boolean, pairs: ReachResult['allowed'] = []) => {
    const all = [...pairs, ...flows.filter(keep).map((flow) => [flow.from, flow.to] as const)];
    return all.sort((a, b) => compareText(a[0], b[0]) || compareText(a[1], b[1]));
  };
  const allowed = pairsOf((flow) => portSetHas(flow.ports, probe), result.allowed);
  const ambiguous = pairsOf((flow) => flow.ambiguousPorts !== undefined && portSetHas(flow.ambiguousPorts, probe), result.ambiguous);
  const endpoints = listedPeers(analyzer, filter, externals);
  return { port: result.port, protocol: result.protocol, endpoints, allowed, ...(ambiguous.length > 0 ? { ambiguous } : {}) };
}

/** Every allowed port per ordered pair, flows to and from the outside peers included. */
export function reachOnAllPorts(analyzer: Analyzer, scope: ReachScope = {}): PortMatrix {
  const { filter = {}, externals = [] } = scope;
  const outside = externalFlows(analyzer, externals, filter);
  // portMatrix is already in id order: only external flows need sorting in. (Not
  // push(...outside): an estate has more external flows than a call takes arguments.)
  const matrix = analyzer.portMatrix(filter);
  const flows = outside.length === 0 ? matrix : [...matrix, ...outside].sort(compareFlows);
  return { endpoints: listedPeers(analyzer, filter, externals), flows };
}

/** What `reach --format summary` prints: how many peers are listed and how many pairs allow something. */
export interface ReachSummary {
  /** The peers listed (endpoints and outside peers either filter keeps). */
  readonly endpoints: number;
  /** The ordered pairs allowed on the probe, or (on every port) with some port allowed. */
  readonly allowed: number;
  /** The ordered pairs whose verdict on the probe (or on some port) is ambiguous. */
  readonly ambiguous: number;
}

/** reachOnPort, counted: the same numbers without listing a pair (Analyzer.reachCount). */
export function countReachOnPort(analyzer: Analyzer, probe: PortProbe, scope: ReachScope = {}): ReachSummary {
  const { filter = {}, externals = [] } = scope;
  const outside = externalFlows(analyzer, externals, filter);
  const counts = analyzer.reachCount(probe, filter);
  return {
    endpoints: listedPeers(analyzer, filter, externals).length,
    allowed: counts.allowed + outside.filter((flow) => portSetHas(flow.ports, probe)).length,
    ambiguous: counts.ambiguous + outside.filter((flow) => flow.ambiguousPorts !== undefined && portSetHas(flow.ambiguousPorts, probe)).length,
  };
}

/** reachOnAllPorts, counted: the port matrix's entries without listing them (Analyzer.portMatrixCount). */
export function countReachOnAllPorts(analyzer: Analyzer, scope: ReachScope = {}): ReachSummary {
  const { filter = {}, externals = [] } = scope;
  const outside = externalFlows(analyzer, externals, filter);
  const counts = analyzer.portMatrixCount(filter);
  return {
    endpoints: listedPeers(analyzer, filter, externals).length,
    allowed: counts.allowed + outside.filter((flow) => !isEmptyPortSet(flow.ports)).length,
    ambiguous: counts.ambiguous + outside.filter((flow) => flow.ambiguousPorts !== undefined).length,
  };
}
