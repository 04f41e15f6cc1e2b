import {
  ClusterModel,
  NAMESPACE_NAME_LABEL,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  PolicyEntry,
  Protocol,
  effectivePolicyTypes,
  groupBy,
  isEmptySelector,
  portProtocol,
  selectorKeys,
} from '../model';
import { EstateView, LocatedRule, namedNamespaces, rulesOf } from './estate-view';
import { ObjectFinding, policyFinding } from './object-finding';

/**
 * DNS answers on port 53; clients fall back from UDP to TCP, so both must be open. OpenShift's
 * DNS pods listen on 5353 behind a Service on 53, and policies see the pod's port.
 */
const DNS_PORTS: readonly number[] = [53, 5353];
const DNS_PROTOCOLS: readonly Protocol[] = ['UDP', 'TCP'];

/** True when the policy applies to every pod of its namespace for egress. */
function isolatesAllPodsForEgress(entry: PolicyEntry): boolean {
  const { spec } = entry.policy;
  return isEmptySelector(spec.podSelector ?? {}) && effectivePolicyTypes(spec).includes('Egress');
}

/**
 * True when the port entry covers a DNS port of the protocol. A named port counts when some
 * known endpoint declares that name as a DNS port with that protocol (named ports resolve on
 * the destination, e.g. CoreDNS's `dns` and `dns-tcp`).
 */
function coversDns(port: NetworkPolicyPort, protocol: Protocol, view: EstateView): boolean {
  if (portProtocol(port) !== protocol) {
    return false;
  }
  if (port.port === undefined) {
    return true;
  }
  if (typeof port.port === 'number') {
    const first = port.port;
    const last = port.endPort ?? port.port;
    return DNS_PORTS.some((dns) => first <= dns && dns <= last);
  }
  return view.namedPortsOn(DNS_PORTS, protocol).has(port.port);
}

/** The label people expect Kubernetes to set on namespaces, and it does not (see namespace-name-label). */
const UNSET_NAMESPACE_LABEL = 'name';

/** The namespaces the cluster's DNS servers run in: CoreDNS's on kubeadm, EKS and GKE; OpenShift's. */
const DNS_NAMESPACES: readonly string[] = ['kube-system', 'openshift-dns'];

/**
 * Whether a peer of a policy in `policyNamespace` may be a DNS server: an ipBlock (NodeLocal
 * DNSCache, resolvers outside the cluster), or a peer that can reach into a DNS namespace. A
 * peer confined to other namespaces (a podSelector alone, or namespaces named by
 * `kubernetes.io/metadata.name`) is one only where it matches a known workload with a DNS
 * container port. A peer that selects namespaces by the label `name` and matches no namespace
 * the model knows is none: Kubernetes never sets that label, so unless a declared namespace
 * carries it by hand, the peer matches no DNS server (the incident's `name: kube-system`).
 */
function mayBeDnsServer(peer: NetworkPolicyPeer, policyNamespace: string, view: EstateView): boolean {
  if (peer.ipBlock) {
    return true;
  }
  if (selectsByUnsetNameLabel(peer, view)) {
    return false;
  }
  const selector = peer.namespaceSelector;
  const named = selector ? namedNamespaces(selector, '').map(({ name }) => name) : [policyNamespace];
  if ((selector && named.length === 0) || named.some((name) => DNS_NAMESPACES.includes(name))) {
    return true;
  }
  return named.some((name) =>
    view
      .endpointsIn(name)
      .some((endpoint) => view.peerMatches(peer, policyNamespace, endpoint) && endpoint.ports.some((port) => DNS_PORTS.includes(port.port))),
  );
}

/** Whether a peer selects namespaces by the label `name` and matches none the model knows. */
function selectsByUnsetNameLabel(peer: NetworkPolicyPeer, view: EstateView): boolean {
  const selector = peer.namespaceSelector;
  return selector !== undefined && selectorKeys(selector).includes(UNSET_NAMESPACE_LABEL) && view.namespacesMatching(selector).length === 0;
}

/** How a rule treats DNS of one protocol: allowed, opened only to peers that are no DNS server (some by the `name` label), or closed. */
function dnsOfRule(rule: LocatedRule, protocol: Protocol, view: EstateView): 'allowed' | 'name-label' | 'closed' {
  if (rule.ports && rule.ports.length > 0 && !rule.ports.some((port) => coversDns(port, protocol, view))) {
    return 'closed';
  }
  const namespace = rule.entry.policy.metadata.namespace ?? '';
  if (!rule.peers || rule.peers.length === 0 || rule.peers.some((peer) => mayBeDnsServer(peer, namespace, view))) {
    return 'allowed';
  }
  return rule.peers.some((peer) => selectsByUnsetNameLabel(peer, view)) ? 'name-label' : 'closed';
}

/** What egress rules leave out of DNS: the protocols, and whether a rule opened it only on the `name` label. */
export interface DnsLeftOut {
  readonly protocols: readonly Protocol[];
  readonly byNameLabel: boolean;
}

/** The DNS protocols none of the egress rules allows to a peer that can be a DNS server. */
export function dnsLeftOut(rules: readonly LocatedRule[], view: EstateView): DnsLeftOut {
  const verdicts = DNS_PROTOCOLS.map((protocol) => ({ protocol, verdicts: rules.map((rule) => dnsOfRule(rule, protocol, view)) }));
  const missing = verdicts.filter(({ verdicts: each }) => !each.includes('allowed'));
  return { protocols: missing.map(({ protocol }) => protocol), byNameLabel: missing.some(({ verdicts: each }) => each.includes('name-label')) };
}

/** The sentence on a rule that opens DNS only to `name`-label namespaces, or nothing. */
export function nameLabelNote(leftOut: DnsLeftOut): string {
  return leftOut.byNameLabel
    ? `; a rule opens port 53 only to namespaces selected by the label "${UNSET_NAMESPACE_LABEL}", which Kubernetes never sets, so it matches no DNS server (select "${NAMESPACE_NAME_LABEL}: kube-system")`
    : '';
}

/** `UDP 53 and TCP 53`. */
export function dnsPortsText(protocols: readonly Protocol[]): string {
  return protocols.map((protocol) => `${protocol} 53`).join(' and ');
}

/**
 * Namespaces whose pods are all isolated for egress (a policy with podSelector `{}` and
 * Egress in its effective policyTypes) while no policy for all pods allows egress to UDP 53
 * and TCP 53 to a peer that can be a DNS server (not a namespace selected by the unset
 * `name` label). One warning per namespace, on its first such policy by name.
 * Policies for some pods only do not count: the other pods still cannot resolve names.
 */
export function findBlockedDns(model: ClusterModel, view: EstateView = new EstateView(model)): ObjectFinding[] {
  const byNamespace = groupBy(model.policies, (entry) => entry.policy.metadata.namespace ?? '');
  const findings: ObjectFinding[] = [];
  for (const [namespace, policies] of byNamespace) {
    const isolating = policies.filter(isolatesAllPodsForEgress);
    if (isolating.length === 0) {
      continue;
    }
    const leftOut = dnsLeftOut(isolating.flatMap((entry) => rulesOf(entry, 'egress')), view);
    if (leftOut.protocols.length === 0) {
      continue;
    }
    const first = isolating.reduce((a, b) => (b.policy.metadata.name < a.policy.metadata.name ? b : a));
    const closed = dnsPortsText(leftOut.protocols);
    findings.push(
      policyFinding(first, {
        severity: 'warning',
        rule: 'blocked-dns',
        path: 'spec.podSelector',
        message:
          `DNS is blocked: this policy isolates every pod of namespace "${namespace}" for egress, and no policy there ` +
          `allows all its pods egress on ${closed}; allow DNS (UDP and TCP 53, 5353 for OpenShift's DNS pods; e.g. with AllowDns) or name lookups fail${nameLabelNote(leftOut)}`,
      }),
    );
  }
  return findings;
}
