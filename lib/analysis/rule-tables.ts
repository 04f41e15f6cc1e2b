import { ContainerPort, Direction, Protocol, parseIp } from '../model';
import { ClassRules, ResolvedRule } from './class-rules';
import { EndpointClasses } from './endpoint-classes';
import { IpBlockMatcher } from './ip-block-matcher';

/** A rule's port entry: `[protocol, from, to]` for a numeric range, `[protocol, name]` for a named port. */
export type RuleTablePort = readonly [Protocol, number, number] | readonly [Protocol, string];

/** One rule of a policy, with its peers as endpoint classes and as the given outside addresses. */
export interface RuleTableRule {
  /** Its index in the policy's spec.ingress or spec.egress. */
  readonly ruleIndex: number;
  /** The classes its peers pick, as inclusive ranges flattened: `[from, to, from, to, ...]`. */
  readonly peerClasses: readonly number[];
  /** Indices into RuleTables.addresses of the outside addresses its peers admit. */
  readonly addresses: readonly number[];
  /** Its ports; null for every port of every protocol. */
  readonly ports: readonly RuleTablePort[] | null;
}

/**
 * The compiled policies as plain tables, small enough to ship to a reader that explains a
 * flow on its own (the HTML graph page does, when an edge is clicked). Read together with
 * Analyzer.explain: the deciding rules of a class are the rules of its isolating policies,
 * in policy then rule order; a rule allows a flow when it admits the other side and its
 * ports admit the probe, named ports resolved on the destination's container ports.
 */
export interface RuleTables {
  /** Policy ids (`namespace/name`), sorted. */
  readonly policies: readonly string[];
  /** Endpoint ids, as Analyzer.endpointIds lists them. */
  readonly endpoints: readonly string[];
  /** The class of each endpoint, in the order of `endpoints`. */
  readonly classOf: readonly number[];
  /** Per class, an index into containerPorts. */
  readonly classPorts: readonly number[];
  /** The distinct container port lists, each `[name or '', port, protocol]`. */
  readonly containerPorts: readonly (readonly (readonly [string, number, Protocol])[])[];
  /** Per direction and class, the indices of the isolating policies, ascending. */
  readonly isolating: Readonly<Record<Direction, readonly (readonly number[])[]>>;
  /** Per direction and policy, its rules; null when the policy does not isolate that direction. */
  readonly rules: Readonly<Record<Direction, readonly (readonly RuleTableRule[] | null)[]>>;
  /** The outside addresses the tables were made for, as given. */
  readonly addresses: readonly string[];
}

/** Ascending indices as inclusive ranges, flattened. */
function indexRanges(indices: readonly number[]): number[] {
  const ranges: number[] = [];
  for (const index of indices) {
    if (ranges.length > 0 && ranges[ranges.length - 1] === index - 1) {
      ranges[ranges.length - 1] = index;
    } else {
      ranges.push(index, index);
    }
  }
  return ranges;
}

function tablePorts(resolved: ResolvedRule): RuleTablePort[] | null {
  if (resolved.rule.ports.all) {
    return null;
  }
  return resolved.rule.ports.entries.map((entry) =>
    entry.kind === 'range' ? ([entry.protocol, entry.from, entry.to] as const) : ([entry.protocol, entry.name] as const),
  );
}

/** The tables for a cluster's classes and rules; `addresses` are the outside IPs a reader may ask about. */
export function buildRuleTables(
  endpoints: readonly string[],
  classes: EndpointClasses,
  rules: ClassRules,
  blocks: readonly IpBlockMatcher[],
  addresses: readonly string[],
): RuleTables {
  const ips = addresses.map((address) => {
    const ip = parseIp(address);
    if (!ip) {
      throw new Error(`rule tables: ${JSON.stringify(address)} is not an IPv4 or IPv6 address`);
    }
    return ip;
  });
  const portLists: (readonly ContainerPort[])[] = [];
  const portListIndex = new Map<readonly ContainerPort[], number>();
  const classPorts = classes.classes.map((endpointClass) => {
    let index = portListIndex.get(endpointClass.ports);
    if (index === undefined) {
      index = portLists.push(endpointClass.ports) - 1;
      portListIndex.set(endpointClass.ports, index);
    }
    return index;
  });
  // Rules share peer bitsets: their ranges are made once each.
  const rangesOf = new Map<ResolvedRule['peerClasses'], number[]>();
  const tableRule = (resolved: ResolvedRule): RuleTableRule => {
    let peerClasses = rangesOf.get(resolved.peerClasses);
    if (!peerClasses) {
      peerClasses = indexRanges(resolved.peerClasses.toArray());
      rangesOf.set(resolved.peerClasses, peerClasses);
    }
    const admitted = ips.flatMap((ip, index) =>
      resolved.rule.anyPeer || resolved.rule.peers.some((term) => term.kind === 'ipBlock' && blocks[term.block].matches(ip)) ? [index] : [],
    );
    return { ruleIndex: resolved.rule.ref.ruleIndex, peerClasses, addresses: admitted, ports: tablePorts(resolved) };
  };
  const policyIndices = [...Array(rules.policyCount).keys()];
  const classIndices = [...Array(rules.classCount).keys()];
  const perDirection = <T>(make: (direction: Direction) => T): Record<Direction, T> => ({ ingress: make('ingress'), egress: make('egress') });
  return {
    policies: policyIndices.map((index) => rules.policyId(index)),
    endpoints,
    classOf: classes.classOf,
    classPorts,
    containerPorts: portLists.map((list) => list.map((port) => [port.name ?? '', port.port, port.protocol] as const)),
    isolating: perDirection((direction) => classIndices.map((classIndex) => rules.isolatingPolicies(direction, classIndex))),
    rules: perDirection((direction) => policyIndices.map((index) => rules.policyRules(index, direction)?.map(tableRule) ?? null)),
    addresses,
  };
}
