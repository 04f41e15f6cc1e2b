import {
  Analyzer,
  NO_PORTS,
  Peer,
  PortProbe,
  PortSet,
  externalPeerOf,
  firstProbe,
  formatPortSet,
  formatProbe,
  isEmptyPortSet,
  portRangeSet,
  portSetHas,
} from '../analysis';
import { ClusterModel, Direction, compareText, effectivePolicyTypes, isEmptySelector, parseEndpointId } from '../model';
import { ExpectationVerdict, formatPeer, renderExplainText } from '../report';
import { EndpointSet, endpointSetPeers } from './endpoint-reference';
import { explainFlow } from './explain-flow';

/**
 * The checks behind `netpol test --expect` and the jest matchers (lib/testing): each states
 * what must hold over the analysis of one model, and says who breaks it. A verdict is exact:
 * a flow whose outcome the admin tier leaves undefined (ambiguous) satisfies neither "allowed"
 * nor "denied".
 */

/** What one peer may open on another: on the probe only when one is given, else on any port. */
export interface Reach {
  readonly allowed: PortSet;
  /** Ports whose verdict the network-policy-api leaves undefined (admin tier only). */
  readonly ambiguous: PortSet;
}

/** Whether a reach opens anything, surely or possibly. */
export function reachesAtAll(reach: Reach): boolean {
  return !isEmptyPortSet(reach.allowed) || !isEmptyPortSet(reach.ambiguous);
}

/** An endpoint and a direction, with the policies that isolate it for that direction (none: wide open). */
export interface IsolationVerdict {
  readonly id: string;
  readonly direction: Direction;
  readonly selectedBy: readonly string[];
}

/** A source that breaks "only reachable from": one not listed that reaches, one listed that does not, or the outside. */
export interface OnlyReachableOffender {
  readonly problem: 'extra' | 'missing' | 'outside';
  readonly from: Peer;
  /** What it reaches (empty for a missing source). */
  readonly reach: Reach;
}

/** An endpoint reachable from an address outside the cluster. */
export interface Exposure {
  readonly id: string;
  readonly from: Peer & { kind: 'external' };
  readonly reach: Reach;
}

/** The IPv4 and IPv6 networks that stand for "outside the cluster". */
const EVERYWHERE = ['0.0.0.0/0', '::/0'];

/** How many offending flows a failure explains in full; the others get their one line. */
const EXPLAINED_FLOWS = 3;

/** The checks over one model: the primitives the matchers call, and `evaluate` of a file's entry over them. */
export class ExpectationChecks {
  readonly analyzer: Analyzer;

  constructor(
    readonly model: ClusterModel,
    analyzer?: Analyzer,
  ) {
    this.analyzer = analyzer ?? new Analyzer(model);
  }

  /** What `from` may open on `to`: `probe` only when given, else every allowed port. */
  reach(from: Peer, to: Peer, probe?: PortProbe): Reach {
    const allowed = this.analyzer.allowedPorts(from, to);
    const ambiguous = this.analyzer.ambiguousPorts(from, to);
    if (!probe) {
      return { allowed, ambiguous };
    }
    const only = (ports: PortSet): PortSet => (portSetHas(ports, probe) ? portRangeSet(probe.protocol, probe.port) : NO_PORTS);
    return { allowed: only(allowed), ambiguous: only(ambiguous) };
  }

  /** Addresses standing for every verdict outside the cluster, IPv4 then IPv6 (one per run no ipBlock tells apart). */
  outsideAddresses(): string[] {
    return EVERYWHERE.flatMap((network) => externalPeerOf(network, this.model)?.addresses ?? []);
  }

  /** Per endpoint and direction, the NetworkPolicies that isolate it. */
  isolation(ids: readonly string[], directions: readonly Direction[]): IsolationVerdict[] {
    return ids.flatMap((id) => directions.map((direction) => ({ id, direction, selectedBy: this.analyzer.isolatingPolicies(id, direction) })));
  }

  /**
   * Who breaks "`to` is reachable from exactly `sources`" (on the probe, or on some port): a
   * listed source that does not reach it, another endpoint that does, and the first address
   * outside the cluster that does. `to` reaching itself is left out: policies cannot block it.
   */
  onlyReachableOffenders(to: string, sources: ReadonlySet<string>, probe?: PortProbe): OnlyReachableOffender[] {
    const destination: Peer = { kind: 'endpoint', id: to };
    const offenders: OnlyReachableOffender[] = [];
    for (const id of this.analyzer.endpointIds()) {
      if (id === to) {
        continue;
      }
      const from: Peer = { kind: 'endpoint', id };
      const reach = this.reach(from, destination, probe);
      if (sources.has(id) ? isEmptyPortSet(reach.allowed) : reachesAtAll(reach)) {
        offenders.push({ problem: sources.has(id) ? 'missing' : 'extra', from, reach });
      }
    }
    const outside = this.exposures([to], probe)[0];
    return outside ? [...offenders, { problem: 'outside', from: outside.from, reach: outside.reach }] : offenders;
  }

  /** Each endpoint that some address outside the cluster reaches (on the probe, or on some port), with the first such address. */
  exposures(ids: readonly string[], probe?: PortProbe): Exposure[] {
    const addresses = this.outsideAddresses();
    return ids.flatMap((id) => {
      for (const ip of addresses) {
        const from = { kind: 'external' as const, ip };
        const reach = this.reach(from, { kind: 'endpoint', id }, probe);
        if (reachesAtAll(reach)) {
          return [{ id, from, reach }];
        }
      }
      return [];
    });
  }

  /** The `explain` output of a flow on the first port it opens (or on the probe). */
  explainReach(from: Peer, to: Peer, reach: Reach, probe?: PortProbe): string {
    const on = probe ?? firstProbe(reach.allowed) ?? firstProbe(reach.ambiguous);
    if (on) {
      return renderExplainText(explainFlow(this.analyzer, { from, to, probe: on }, { from: 'from', to: 'to' }));
    }
    // Nothing on any port: which policies each side must pass (which side denies differs per port).
    const lines = [`${formatPeer(from)} -> ${formatPeer(to)}: DENIED on every port`];
    for (const [direction, peer] of [['egress', from], ['ingress', to]] as const) {
      if (peer.kind === 'endpoint') {
        const by = this.analyzer.isolatingPolicies(peer.id, direction);
        const side = direction === 'egress' ? `egress from ${peer.id}` : `ingress to ${peer.id}`;
        lines.push(by.length > 0 ? `${side}: isolated by ${by.join(', ')}` : `${side}: not isolated (no policy in ${parseEndpointId(peer.id).namespace} selects it for ${direction})`);
      }
    }
    return `${lines.join('\n')}\n`;
  }

  /** The verdict on one expectation. */
  evaluate(expectation: ResolvedExpectation): ExpectationVerdict {
    switch (expectation.kind) {
      case 'allow':
      case 'deny':
        return this.evaluateFlows(expectation);
      case 'only':
        return this.evaluateOnly(expectation);
      case 'isolated':
        return this.evaluateIsolated(expectation);
      case 'notExposed':
        return this.evaluateNotExposed(expectation);
      case 'everyNamespace':
        return this.evaluateDefaultDeny(expectation);
    }
  }

  /**
   * Whether one flow is surely allowed (`allow`: on the probe, or on some port) or surely
   * denied (`deny`: on the probe, or on every port); an ambiguous verdict is neither.
   */
  flowHolds(kind: 'allow' | 'deny', from: Peer, to: Peer, probe?: PortProbe): { readonly holds: boolean; readonly reach: Reach } {
    const reach = this.reach(from, to, probe);
    return { holds: kind === 'allow' ? !isEmptyPortSet(reach.allowed) : !reachesAtAll(reach), reach };
  }

  private evaluateFlows(expectation: FlowExpectation): ExpectationVerdict {
    const { kind, probe } = expectation;
    const pairs = flowPairs(expectation.from, expectation.to);
    const broken: { from: Peer; to: Peer; reach: Reach }[] = [];
    for (const [from, to] of pairs) {
      const { holds, reach } = this.flowHolds(kind, from, to, probe);
      if (!holds) {
        broken.push({ from, to, reach });
      }
    }
    const on = probe ? `on ${formatProbe(probe)}` : kind === 'deny' ? 'on every port' : 'on any port';
    const flows = pairs.length === 1 ? 'the flow is' : `all ${pairs.length} flows are`;
    if (broken.length === 0) {
      return { passed: true, summary: `${flows} ${kind === 'allow' ? 'allowed' : 'denied'} ${on}`, details: [] };
    }
    const lines = broken.map(({ from, to, reach }) => {
      const flow = `${formatPeer(from)} -> ${formatPeer(to)}`;
      if (kind === 'allow') {
        return isEmptyPortSet(reach.ambiguous) ? `${flow} is denied ${on}` : `${flow} is ambiguous ${on}`;
      }
      return `${flow} is allowed ${reachPortsText(reach, probe)}`;
    });
    const details = broken.map(({ from, to, reach }, index) => (index < EXPLAINED_FLOWS ? this.explainReach(from, to, reach, probe) : lines[index]));
    const verb = kind === 'allow' ? 'not allowed' : 'not denied';
    const summary = pairs.length === 1 ? lines[0] : `${broken.length} of ${pairs.length} flows ${verb}: ${lines.slice(0, EXPLAINED_FLOWS).join('; ')}`;
    return { passed: false, summary, details };
  }

  private evaluateOnly(expectation: Extract<ResolvedExpectation, { kind: 'only' }>): ExpectationVerdict {
    const { probe } = expectation;
    const sources = new Set(expectation.from);
    const lines: string[] = [];
    const details: string[] = [];
    for (const to of expectation.to.ids) {
      const destination: Peer = { kind: 'endpoint', id: to };
      for (const offender of this.onlyReachableOffenders(to, sources, probe)) {
        const line = expectation.to.ids.length > 1 ? `${to}: ${onlyOffenderText(offender, probe)}` : onlyOffenderText(offender, probe);
        lines.push(line);
        details.push(details.length < EXPLAINED_FLOWS ? withExplanation(line, this.explainReach(offender.from, destination, offender.reach, probe)) : line);
      }
    }
    const listed = [...sources].sort(compareText).join(', ') || 'nothing';
    const on = probe ? `on ${formatProbe(probe)}` : 'on any port';
    if (lines.length === 0) {
      return { passed: true, summary: `${expectation.to.label} is reachable only from ${listed} ${on}`, details: [] };
    }
    return { passed: false, summary: `${expectation.to.label} is not reachable only from ${listed} ${on}: ${lines.slice(0, EXPLAINED_FLOWS).join('; ')}`, details };
  }

  private evaluateIsolated(expectation: Extract<ResolvedExpectation, { kind: 'isolated' }>): ExpectationVerdict {
    const open = this.isolation(expectation.pods.ids, expectation.directions).filter((verdict) => verdict.selectedBy.length === 0);
    const what = `isolated for ${expectation.directions.join(' and ')}`;
    if (open.length === 0) {
      return { passed: true, summary: `${expectation.pods.label} is ${what}`, details: [] };
    }
    const lines = open.map((verdict) => `${verdict.id}: no policy selects it for ${verdict.direction}, so all ${verdict.direction} traffic is allowed`);
    const single = expectation.directions.length === 1;
    const unselected = open.map((verdict) => (single ? verdict.id : `${verdict.id} for ${verdict.direction}`)).join(', ');
    return { passed: false, summary: `${expectation.pods.label} is not ${what}: no policy selects ${unselected}${single ? ` for ${expectation.directions[0]}` : ''}`, details: lines };
  }

  private evaluateNotExposed(expectation: Extract<ResolvedExpectation, { kind: 'notExposed' }>): ExpectationVerdict {
    const { probe } = expectation;
    const exposed = this.exposures(expectation.pods.ids, probe);
    const on = probe ? `on ${formatProbe(probe)}` : 'on any port';
    if (exposed.length === 0) {
      return { passed: true, summary: `${expectation.pods.label} is not reachable from outside the cluster ${on}`, details: [] };
    }
    const lines = exposed.map((exposure) => exposureText(exposure, probe));
    const details = exposed.map((exposure, index) =>
      index < EXPLAINED_FLOWS ? withExplanation(lines[index], this.explainReach(exposure.from, { kind: 'endpoint', id: exposure.id }, exposure.reach, probe)) : lines[index],
    );
    return { passed: false, summary: lines.slice(0, EXPLAINED_FLOWS).join('; ') + (lines.length > EXPLAINED_FLOWS ? `; and ${lines.length - EXPLAINED_FLOWS} more` : ''), details };
  }

  private evaluateDefaultDeny(expectation: Extract<ResolvedExpectation, { kind: 'everyNamespace' }>): ExpectationVerdict {
    const except = new Set(expectation.except);
    const namespaces = modelNamespaces(this.model).filter((namespace) => !except.has(namespace));
    const lacking = namespaces.flatMap((namespace) =>
      expectation.directions.filter((direction) => !this.hasDefaultDeny(namespace, direction)).map((direction) => ({ namespace, direction })),
    );
    const absent = expectation.except.filter((namespace) => !modelNamespaces(this.model).includes(namespace));
    const note = absent.length > 0 ? ` (${absent.join(', ')} excepted but not in the inputs)` : '';
    const what = `a default deny for ${expectation.directions.join(' and ')}`;
    if (lacking.length === 0) {
      return { passed: true, summary: `all ${namespaces.length} namespaces have ${what}${note}`, details: [] };
    }
    const details = lacking.map(({ namespace, direction }) => {
      const policies = this.model.policies.filter((entry) => entry.policy.metadata.namespace === namespace).map((entry) => entry.policy.metadata.name);
      const shape = `a NetworkPolicy with podSelector: {}, ${direction === 'ingress' ? 'Ingress' : 'Egress'} in its policyTypes and no ${direction} rules`;
      return `${namespace}: no default deny for ${direction} (${shape}); its policies: ${policies.join(', ') || '(none)'}`;
    });
    return { passed: false, summary: `no default deny for ${expectation.directions.join(' and ')} in ${lacking.map(({ namespace, direction }) => (expectation.directions.length > 1 ? `${namespace} (${direction})` : namespace)).join(', ')}${note}`, details };
  }

  /** Whether a NetworkPolicy of the namespace selects all its pods for the direction and allows nothing in it. */
  private hasDefaultDeny(namespace: string, direction: Direction): boolean {
    const type = direction === 'ingress' ? 'Ingress' : 'Egress';
    return this.model.policies.some(({ policy }) => {
      const spec = policy.spec ?? {};
      return policy.metadata.namespace === namespace && isEmptySelector(spec.podSelector) && effectivePolicyTypes(spec).includes(type) && (spec[direction] ?? []).length === 0;
    });
  }
}

/** A line about an offender, with the explanation of its flow indented below it. */
function withExplanation(line: string, explanation: string): string {
  const indented = explanation
    .replace(/\n$/, '')
    .split('\n')
    .map((text) => `  ${text}`);
  return [line, ...indented].join('\n');
}

/** An `allow` or `deny` entry resolved. */
export interface FlowExpectation {
  readonly kind: 'allow' | 'deny';
  readonly from: EndpointSet;
  readonly to: EndpointSet;
  /** @default every port (`deny`); `allow` always names one */
  readonly probe?: PortProbe;
}

/** One expectation with its references resolved against the model (expectations-file.ts reads them from a file). */
export type ResolvedExpectation =
  | FlowExpectation
  | {
      readonly kind: 'only';
      /** Each of these endpoints must be reachable from exactly `from`. */
      readonly to: EndpointSet & { kind: 'endpoints' };
      /** Endpoint ids. */
      readonly from: readonly string[];
      /** @default any port */
      readonly probe?: PortProbe;
    }
  | { readonly kind: 'isolated'; readonly pods: EndpointSet & { kind: 'endpoints' }; readonly directions: readonly Direction[] }
  | {
      readonly kind: 'notExposed';
      readonly pods: EndpointSet & { kind: 'endpoints' };
      /** @default any port */
      readonly probe?: PortProbe;
    }
  | { readonly kind: 'everyNamespace'; readonly directions: readonly Direction[]; readonly except: readonly string[] };

/** Every flow of from × to, but an endpoint to itself (policies cannot block it) and outside to outside (no policy judges it). */
export function flowPairs(from: EndpointSet, to: EndpointSet): (readonly [Peer, Peer])[] {
  const targets = endpointSetPeers(to);
  return endpointSetPeers(from).flatMap((source) =>
    targets
      .filter((target) => !(source.kind === 'external' && target.kind === 'external'))
      .filter((target) => !(source.kind === 'endpoint' && target.kind === 'endpoint' && source.id === target.id))
      .map((target) => [source, target] as const),
  );
}

/**
 * What a reach opens, as its line ends: `on TCP 5432`, `on TCP/5432` for a probe, with
 * `(ambiguous on ...)` for ports the admin tier leaves undefined, or `ambiguously on ...` when only those.
 */
export function reachPortsText(reach: Reach, probe?: PortProbe): string {
  const on = (ports: PortSet): string => (probe ? `on ${formatProbe(probe)}` : formatPortSet(ports) === 'all' ? 'on every port' : `on ${formatPortSet(ports)}`);
  if (isEmptyPortSet(reach.allowed)) {
    return `ambiguously ${on(reach.ambiguous)}`;
  }
  return isEmptyPortSet(reach.ambiguous) ? on(reach.allowed) : `${on(reach.allowed)} (ambiguous ${on(reach.ambiguous)})`;
}

/** An exposure as the matchers and the file say it. */
export function exposureText(exposure: Exposure, probe?: PortProbe): string {
  return `${exposure.id} is reachable from outside the cluster (e.g. ${exposure.from.ip}) ${reachPortsText(exposure.reach, probe)}`;
}

/** An offender of "only reachable from" as the matchers and the file say it. */
export function onlyOffenderText(offender: OnlyReachableOffender, probe?: PortProbe): string {
  switch (offender.problem) {
    case 'missing':
      return `not reachable from ${formatPeer(offender.from)} ${probe ? `on ${formatProbe(probe)}` : 'on any port'}`;
    case 'outside':
      return `also reachable from outside the cluster (e.g. ${offender.from.kind === 'external' ? offender.from.ip : ''}) ${reachPortsText(offender.reach, probe)}`;
    default:
      return `also reachable from ${formatPeer(offender.from)} ${reachPortsText(offender.reach, probe)}`;
  }
}

/** The namespaces of the inputs: Namespace objects, and those of endpoints and policies, sorted. */
function modelNamespaces(model: ClusterModel): string[] {
  const names = new Set<string>([
    ...model.namespaces.map((namespace) => namespace.name),
    ...model.endpoints.map((endpoint) => endpoint.namespace),
    ...model.policies.map((entry) => entry.policy.metadata.namespace as string),
  ]);
  return [...names].sort(compareText);
}
