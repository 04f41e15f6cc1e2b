import {
  ClusterModel,
  Endpoint,
  LabelMatcher,
  LabelSelector,
  Labels,
  NAMESPACE_NAME_LABEL,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  PolicyEntry,
  PolicyType,
  Protocol,
  cidrContainsIp,
  compileSelector,
  selectorKey,
  effectivePolicyTypes,
  groupBy,
  parseCidr,
  parseIp,
  portProtocol,
} from '../model';

/**
 * The namespaces Kubernetes creates in every cluster: peers may name them whether or not the
 * input declares them.
 */
export const SYSTEM_NAMESPACES: readonly string[] = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** One rule of a policy, with where it is: `spec.egress[2]`. */
export interface LocatedRule {
  readonly entry: PolicyEntry;
  readonly direction: 'ingress' | 'egress';
  readonly index: number;
  readonly peers?: readonly NetworkPolicyPeer[];
  readonly ports?: readonly NetworkPolicyPort[];
}

/**
 * The model read the way the estate lint asks about it: the labels of each namespace (declared
 * ones, else the `kubernetes.io/metadata.name` Kubernetes sets), the known endpoints of each
 * namespace, which endpoints a peer matches, and which policies isolate an endpoint. Built once
 * per lint run; selectors are compiled once each.
 */
export class EstateView {
  private readonly labelsByNamespace = new Map<string, Labels>();
  private readonly endpointsByNamespace: Map<string, Endpoint[]>;
  private readonly policiesByNamespace: Map<string, PolicyEntry[]>;
  /** Selectors by object, their canonical text; matchers and namespace matches by that text, as policies repeat selectors. */
  private readonly keys = new WeakMap<LabelSelector, string>();
  private readonly matchers = new Map<string, LabelMatcher>();
  private readonly matchingNamespaces = new Map<string, readonly string[]>();
  private readonly known: readonly string[];
  private readonly portNames = new Map<string, ReadonlySet<string>>();

  public constructor(public readonly model: ClusterModel) {
    for (const namespace of model.namespaces) {
      this.labelsByNamespace.set(namespace.name, namespace.labels);
    }
    this.endpointsByNamespace = groupBy(model.endpoints, (endpoint) => endpoint.namespace);
    this.policiesByNamespace = groupBy(model.policies, (entry) => entry.policy.metadata.namespace ?? '');
    this.known = [...new Set([...this.labelsByNamespace.keys(), ...SYSTEM_NAMESPACES])].sort();
  }

  /** Whether some namespace of the model was declared by an object of the input (or the app), not only lived in. */
  public declaresNamespaces(): boolean {
    return this.model.namespaces.some((namespace) => namespace.source !== undefined);
  }

  /** Every namespace the model knows, plus the system namespaces, sorted. */
  public knownNamespaces(): readonly string[] {
    return this.known;
  }

  /** The labels of a namespace: declared, else the one Kubernetes sets. */
  public namespaceLabels(name: string): Labels {
    return this.labelsByNamespace.get(name) ?? { [NAMESPACE_NAME_LABEL]: name };
  }

  /** The known namespaces a namespace selector matches. */
  public namespacesMatching(selector: LabelSelector): readonly string[] {
    const key = this.keyOf(selector);
    let names = this.matchingNamespaces.get(key);
    if (!names) {
      const matches = this.matcher(selector);
      names = this.known.filter((name) => matches(this.namespaceLabels(name)));
      this.matchingNamespaces.set(key, names);
    }
    return names;
  }

  /** The known endpoints of a namespace. */
  public endpointsIn(namespace: string): readonly Endpoint[] {
    return this.endpointsByNamespace.get(namespace) ?? [];
  }

  /** The policies of a namespace. */
  public policiesIn(namespace: string): readonly PolicyEntry[] {
    return this.policiesByNamespace.get(namespace) ?? [];
  }

  /**
   * The container port names that some known endpoint declares for one of `ports` with
   * `protocol` (what a named port in a rule resolves to on such pods), found once.
   */
  public namedPortsOn(ports: readonly number[], protocol: Protocol): ReadonlySet<string> {
    const key = `${protocol} ${ports.join(',')}`;
    let names = this.portNames.get(key);
    if (!names) {
      names = new Set(
        this.model.endpoints.flatMap((endpoint) =>
          endpoint.ports.flatMap((declared) => (declared.name !== undefined && declared.protocol === protocol && ports.includes(declared.port) ? [declared.name] : [])),
        ),
      );
      this.portNames.set(key, names);
    }
    return names;
  }

  /** A selector compiled once. */
  public matcher(selector: LabelSelector): LabelMatcher {
    const key = this.keyOf(selector);
    let matches = this.matchers.get(key);
    if (!matches) {
      matches = compileSelector(selector);
      this.matchers.set(key, matches);
    }
    return matches;
  }

  private keyOf(selector: LabelSelector): string {
    let key = this.keys.get(selector);
    if (key === undefined) {
      key = selectorKey(selector);
      this.keys.set(selector, key);
    }
    return key;
  }

  /** Whether a peer of a policy in `policyNamespace` matches the endpoint. */
  public peerMatches(peer: NetworkPolicyPeer, policyNamespace: string, endpoint: Endpoint): boolean {
    if (peer.ipBlock) {
      return ipBlockMatches(peer.ipBlock, endpoint);
    }
    const inNamespace = peer.namespaceSelector
      ? this.matcher(peer.namespaceSelector)(this.namespaceLabels(endpoint.namespace))
      : endpoint.namespace === policyNamespace;
    return inNamespace && (!peer.podSelector || this.matcher(peer.podSelector)(endpoint.labels));
  }

  /**
   * The known endpoints a selector peer (not an ipBlock) of a policy in `policyNamespace`
   * matches, looked up only in the namespaces it can reach.
   */
  public endpointsMatching(peer: NetworkPolicyPeer, policyNamespace: string): Endpoint[] {
    const namespaces = peer.namespaceSelector ? this.namespacesMatching(peer.namespaceSelector) : [policyNamespace];
    return namespaces.flatMap((namespace) => this.endpointsIn(namespace).filter((endpoint) => this.peerMatches(peer, policyNamespace, endpoint)));
  }

  /** Whether a rule's peers (absent or empty: every peer) match the endpoint. */
  public ruleMatches(rule: LocatedRule, endpoint: Endpoint): boolean {
    const namespace = rule.entry.policy.metadata.namespace ?? '';
    return !rule.peers || rule.peers.length === 0 || rule.peers.some((peer) => this.peerMatches(peer, namespace, endpoint));
  }

  /** The policies of the endpoint's namespace that select it and isolate it for `type`. */
  public isolatingPolicies(endpoint: Endpoint, type: PolicyType): PolicyEntry[] {
    return this.policiesIn(endpoint.namespace).filter(
      (entry) => effectivePolicyTypes(entry.policy.spec).includes(type) && this.matcher(entry.policy.spec.podSelector ?? {})(endpoint.labels),
    );
  }
}

const locatedRules = new WeakMap<PolicyEntry, { readonly ingress: LocatedRule[]; readonly egress: LocatedRule[] }>();

/** The rules of one direction of a policy, located (read once per policy). */
export function rulesOf(entry: PolicyEntry, direction: 'ingress' | 'egress'): readonly LocatedRule[] {
  let rules = locatedRules.get(entry);
  if (!rules) {
    const { spec } = entry.policy;
    rules = {
      ingress: (spec.ingress ?? []).map((rule, index) => ({ entry, direction: 'ingress' as const, index, peers: rule.from, ports: rule.ports })),
      egress: (spec.egress ?? []).map((rule, index) => ({ entry, direction: 'egress' as const, index, peers: rule.to, ports: rule.ports })),
    };
    locatedRules.set(entry, rules);
  }
  return rules[direction];
}

/** The namespace names a selector requires by `kubernetes.io/metadata.name` (`matchLabels` or `In`), each with its field path. */
export function namedNamespaces(selector: LabelSelector, path: string): { readonly name: string; readonly path: string }[] {
  const named: { name: string; path: string }[] = [];
  const byLabel = selector.matchLabels?.[NAMESPACE_NAME_LABEL];
  if (byLabel !== undefined) {
    named.push({ name: byLabel, path: `${path}.matchLabels` });
  }
  (selector.matchExpressions ?? []).forEach((expression, index) => {
    if (expression.key === NAMESPACE_NAME_LABEL && expression.operator === 'In') {
      named.push(...(expression.values ?? []).map((name) => ({ name, path: `${path}.matchExpressions[${index}].values` })));
    }
  });
  return named;
}

/** The field path of a rule's peer: `spec.egress[0].to[1]`. */
export function peerPath(rule: LocatedRule, peerIndex: number): string {
  return `spec.${rule.direction}[${rule.index}].${rule.direction === 'ingress' ? 'from' : 'to'}[${peerIndex}]`;
}

function ipBlockMatches(ipBlock: NonNullable<NetworkPolicyPeer['ipBlock']>, endpoint: Endpoint): boolean {
  const cidr = parseCidr(ipBlock.cidr);
  const excepts = (ipBlock.except ?? []).map(parseCidr);
  return endpoint.ips.some((text) => {
    const ip = parseIp(text);
    return ip !== undefined && cidr !== undefined && cidrContainsIp(cidr, ip) && !excepts.some((except) => except !== undefined && cidrContainsIp(except, ip));
  });
}

/**
 * Whether two port lists (absent or empty: every port) can name one port in common. Named
 * ports resolve on the destination pod, so a name is taken to overlap any port of its protocol.
 */
export function portsOverlap(a: readonly NetworkPolicyPort[] | undefined, b: readonly NetworkPolicyPort[] | undefined): boolean {
  if (!a || a.length === 0 || !b || b.length === 0) {
    return true;
  }
  return a.some((x) => b.some((y) => portOverlaps(x, y)));
}

function portOverlaps(a: NetworkPolicyPort, b: NetworkPolicyPort): boolean {
  if (portProtocol(a) !== portProtocol(b)) {
    return false;
  }
  if (typeof a.port !== 'number' || typeof b.port !== 'number') {
    return true;
  }
  return a.port <= (b.endPort ?? b.port) && b.port <= (a.endPort ?? a.port);
}
