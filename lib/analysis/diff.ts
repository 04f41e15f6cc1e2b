import { ClusterModel, Endpoint, PROTOCOLS, Protocol, compareText, endpointId } from '../model';
import { Analyzer } from './analyzer';
import { compareFlows } from './compare-flows';
import { describeRuns, outsideSpace } from './outside-space';
import { NO_PORTS, isEmptyPortSet } from './port-set';
import { Peer, PortRange, PortSet } from './types';

/**
 * Why a flow changed: an end exists on one side only, an end's labels, ports or IPs (or its
 * namespace's labels) changed, or only the policies did.
 */
export type ChangeReason = 'workload added' | 'workload removed' | 'workload changed' | 'policy change';

/** One ordered pair whose allowed ports differ between the two sides. */
export interface FlowChange {
  /** An endpoint id, or the label of addresses outside the cluster (see OutsideAddresses). */
  readonly from: string;
  /** An endpoint id, or the label of addresses outside the cluster. */
  readonly to: string;
  /** What was allowed before; empty for an added flow. */
  readonly before: PortSet;
  /** What is allowed after; empty for a removed flow. */
  readonly after: PortSet;
  /** Why the flow changed. */
  readonly reason: ChangeReason;
  /** Set when one end is outside the cluster: which end, and exactly which addresses it stands for. */
  readonly outside?: { readonly end: 'from' | 'to'; readonly cidrs: readonly string[] };
}

/** How traffic differs between two deployed states, each judged over its own workloads. */
export interface TrafficDiff {
  /** Pairs with nothing allowed before and something after, sorted by from then to. */
  readonly added: readonly FlowChange[];
  /** Pairs with something allowed before and nothing after. */
  readonly removed: readonly FlowChange[];
  /** Pairs allowed on both sides, on different ports. */
  readonly changed: readonly FlowChange[];
  /** Endpoint ids only in the new state, sorted. */
  readonly workloadsAdded: readonly string[];
  /** Endpoint ids only in the old state, sorted. */
  readonly workloadsRemoved: readonly string[];
}

/** Options of diffTraffic. */
export interface TrafficDiffOptions {
  /**
   * Addresses or networks outside the cluster that get rows of their own (`--external`);
   * each an IP or a CIDR.
   * @default []
   */
  readonly externals?: readonly string[];
}

/** `a` minus `b`, both sorted and disjoint as in every PortSet. */
function subtractRanges(a: readonly PortRange[], b: readonly PortRange[]): PortRange[] {
  const result: PortRange[] = [];
  for (const range of a) {
    let from = range.from;
    for (const cut of b) {
      if (cut.to < from || cut.from > range.to) {
        continue;
      }
      if (cut.from > from) {
        result.push({ from, to: cut.from - 1 });
      }
      from = cut.to + 1;
    }
    if (from <= range.to) {
      result.push({ from, to: range.to });
    }
  }
  return result;
}

/** The ports of `a` that `b` does not hold. */
export function subtractPortSets(a: PortSet, b: PortSet): PortSet {
  const result = {} as Record<Protocol, PortRange[]>;
  for (const protocol of PROTOCOLS) {
    result[protocol] = subtractRanges(a[protocol], b[protocol]);
  }
  return result;
}

/** The ports a change newly allows: all of an added flow, the gained ports of a changed one. */
export function gainedPorts(change: FlowChange): PortSet {
  return subtractPortSets(change.after, change.before);
}

/** The ports a change no longer allows. */
export function lostPorts(change: FlowChange): PortSet {
  return subtractPortSets(change.before, change.after);
}

/** Equal for equal sets: PortSets are normalized. */
function portSetKey(ports: PortSet): string {
  return JSON.stringify(ports);
}

/** Per endpoint id, what of it the analysis reads, with its namespace's labels: equal keys, equal verdicts. */
function endpointKeys(model: ClusterModel): Map<string, string> {
  const sorted = (labels: Readonly<Record<string, string>>): string[][] => Object.entries(labels).sort(([a], [b]) => compareText(a, b));
  const namespaceLabels = new Map(model.namespaces.map((namespace) => [namespace.name, sorted(namespace.labels)]));
  return new Map(
    model.endpoints.map((endpoint: Endpoint) => {
      const ports = endpoint.ports.map((port) => [port.protocol, port.port, port.name ?? '']).sort();
      const key = JSON.stringify([sorted(endpoint.labels), ports, [...endpoint.ips].sort(), namespaceLabels.get(endpoint.namespace) ?? []]);
      return [endpointId(endpoint), key];
    }),
  );
}

type EndpointChange = 'added' | 'removed' | 'changed' | 'same';

function endpointChanges(before: ClusterModel, after: ClusterModel): Map<string, EndpointChange> {
  const old = endpointKeys(before);
  const changes = new Map<string, EndpointChange>();
  for (const [id, key] of endpointKeys(after)) {
    const was = old.get(id);
    changes.set(id, was === undefined ? 'added' : was === key ? 'same' : 'changed');
  }
  for (const id of old.keys()) {
    if (!changes.has(id)) {
      changes.set(id, 'removed');
    }
  }
  return changes;
}

/** The reason for a change between two ends; an end outside the cluster exists on both sides. */
function reasonOf(ends: readonly (EndpointChange | undefined)[]): ChangeReason {
  if (ends.includes('added')) {
    return 'workload added';
  }
  if (ends.includes('removed')) {
    return 'workload removed';
  }
  return ends.includes('changed') ? 'workload changed' : 'policy change';
}

/**
 * Compares two deployed states (workloads, namespaces and policies), each analysed over its
 * own endpoints: a flow of a workload only in `after` is added, one only in `before` removed.
 * Traffic with the outside is compared too, exactly: the outside space (outsideSpace) is cut
 * at every region and every ipBlock boundary of both sides, each run of addresses probed
 * once, and per endpoint and direction the runs with the same before and after ports are one
 * row, named by describeRuns.
 */
export function diffTraffic(before: ClusterModel, after: ClusterModel, options: TrafficDiffOptions = {}): TrafficDiff {
  const analyzers = [new Analyzer(before), new Analyzer(after)] as const;
  const changes = endpointChanges(before, after);
  const added: FlowChange[] = [];
  const removed: FlowChange[] = [];
  const changed: FlowChange[] = [];
  const record = (change: FlowChange): void => {
    const wasEmpty = isEmptyPortSet(change.before);
    const isEmpty = isEmptyPortSet(change.after);
    if (wasEmpty && !isEmpty) {
      added.push(change);
    } else if (!wasEmpty && isEmpty) {
      removed.push(change);
    } else if (portSetKey(change.before) !== portSetKey(change.after)) {
      changed.push(change);
    }
  };

  const pairs = new Map<string, { from: string; to: string; before: PortSet; after: PortSet }>();
  analyzers.forEach((analyzer, side) => {
    for (const flow of analyzer.portMatrix()) {
      const key = `${flow.from}\n${flow.to}`;
      const pair = pairs.get(key) ?? { from: flow.from, to: flow.to, before: NO_PORTS, after: NO_PORTS };
      pairs.set(key, side === 0 ? { ...pair, before: flow.ports } : { ...pair, after: flow.ports });
    }
  });
  for (const pair of pairs.values()) {
    record({ ...pair, reason: reasonOf([changes.get(pair.from), changes.get(pair.to)]) });
  }

  const space = outsideSpace([before, after], options.externals);
  const addresses: Peer[] = space.runs.map((run) => ({ kind: 'external', ip: run.address }));
  const portsOn = (side: 0 | 1, from: Peer, to: Peer, id: string): PortSet =>
    analyzers[side].hasEndpoint(id) ? analyzers[side].allowedPorts(from, to) : NO_PORTS;
  for (const [id, endpointChange] of changes) {
    const endpoint: Peer = { kind: 'endpoint', id };
    for (const end of ['to', 'from'] as const) {
      // end: where the outside is. Runs grouped by their before and after ports, in run order.
      const groups = new Map<string, { before: PortSet; after: PortSet; runs: number[] }>();
      addresses.forEach((address, run) => {
        const [from, to] = end === 'to' ? [endpoint, address] : [address, endpoint];
        const ports = { before: portsOn(0, from, to, id), after: portsOn(1, from, to, id) };
        const key = `${portSetKey(ports.before)}|${portSetKey(ports.after)}`;
        let group = groups.get(key);
        if (!group) {
          group = { ...ports, runs: [] };
          groups.set(key, group);
        }
        group.runs.push(run);
      });
      for (const group of groups.values()) {
        if (portSetKey(group.before) === portSetKey(group.after)) {
          continue;
        }
        const outside = describeRuns(space, group.runs);
        record({
          from: end === 'to' ? id : outside.label,
          to: end === 'to' ? outside.label : id,
          before: group.before,
          after: group.after,
          reason: reasonOf([endpointChange]),
          outside: { end, cidrs: outside.cidrs },
        });
      }
    }
  }

  const ids = (kind: EndpointChange): string[] => [...changes].filter(([, change]) => change === kind).map(([id]) => id).sort(compareText);
  return {
    added: added.sort(compareFlows),
    removed: removed.sort(compareFlows),
    changed: changed.sort(compareFlows),
    workloadsAdded: ids('added'),
    workloadsRemoved: ids('removed'),
  };
}
