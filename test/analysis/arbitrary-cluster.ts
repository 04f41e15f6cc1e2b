/** fast-check generators of small valid clusters and policies for the property tests. */
import fc from 'fast-check';
import {
  AdminNetworkPolicyPort,
  AdminTierPolicyEntry,
  ClusterModel,
  ClusterNetworkPolicyEgressPeer,
  ClusterNetworkPolicyProtocol,
  ContainerPort,
  Endpoint,
  LabelSelector,
  LabelSelectorRequirement,
  Namespace,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  PolicyEntry,
  PolicyType,
} from '../../lib/model';
import { PortProbe } from '../../lib/analysis/types';

const KEYS = ['app', 'tier', 'team'];
const VALUES = ['a', 'b', 'c'];
const NAMESPACE_NAMES = ['alpha', 'beta', 'gamma', 'delta'];

/** Ports containers listen on; `http` and `dns` appear with several numbers and protocols. */
const CONTAINER_PORTS: ContainerPort[] = [
  { name: 'http', port: 80, protocol: 'TCP' },
  { name: 'http', port: 8080, protocol: 'TCP' },
  { name: 'dns', port: 53, protocol: 'UDP' },
  { name: 'dns-tcp', port: 53, protocol: 'TCP' },
  { name: 'sig', port: 9000, protocol: 'SCTP' },
  { port: 81, protocol: 'TCP' },
];

/** Pod IPs, chosen to fall inside and outside the ipBlocks below. */
const POD_IPS = ['10.0.0.1', '10.0.1.5', '10.1.0.7', '192.168.1.1', 'fd00::1'];

/** Addresses outside the cluster used as external peers. */
export const EXTERNAL_IPS = ['10.0.1.9', '10.0.2.9', '10.1.0.1', '192.168.1.1', '8.8.8.8', 'fd00::5', '2001:db8::1'];

const IP_BLOCKS = [
  { cidr: '10.0.0.0/8', except: ['10.0.1.0/24'] },
  { cidr: '10.0.0.0/16' },
  { cidr: '0.0.0.0/0', except: ['192.168.0.0/16', '10.1.0.0/16'] },
  { cidr: '10.0.0.1/32' },
  { cidr: 'fd00::/8' },
  { cidr: '10.1.2.3/16' }, // host bits set: means 10.1.0.0/16
];

const POLICY_PORTS: NetworkPolicyPort[] = [
  { port: 80 },
  { port: 'http' },
  { protocol: 'UDP', port: 'dns' },
  { protocol: 'TCP', port: 'dns' }, // resolves nowhere: dns is UDP only
  { port: 'dns-tcp' },
  { protocol: 'UDP' },
  { protocol: 'TCP' },
  { port: 50, endPort: 90 },
  { protocol: 'UDP', port: 53 },
  { protocol: 'SCTP', port: 'sig' },
  { protocol: 'SCTP', port: 9000, endPort: 9001 },
  { port: 8080 },
];

/** Probes that hit the edges of the ports above. */
export const PROBE_PORTS = [1, 49, 50, 53, 80, 81, 90, 91, 443, 8080, 9000, 9001, 65535];

export const probeArb: fc.Arbitrary<PortProbe> = fc.record({
  port: fc.constantFrom(...PROBE_PORTS),
  protocol: fc.constantFrom('TCP' as const, 'UDP' as const, 'SCTP' as const),
});

const labelsArb = fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 3 });

const requirementArb: fc.Arbitrary<LabelSelectorRequirement> = fc.oneof(
  fc.record({
    key: fc.constantFrom(...KEYS),
    operator: fc.constantFrom('In' as const, 'NotIn' as const),
    values: fc.uniqueArray(fc.constantFrom(...VALUES), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({ key: fc.constantFrom(...KEYS), operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const) }),
);

/** Mostly small selectors, so that they select something often enough to matter. */
const podSelectorArb: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.constant({}),
  fc.record({ matchLabels: fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { minKeys: 1, maxKeys: 1 }) }),
  fc.record({ matchExpressions: fc.array(requirementArb, { minLength: 1, maxLength: 1 }) }),
  fc.record(
    { matchLabels: labelsArb, matchExpressions: fc.array(requirementArb, { maxLength: 2 }) },
    { requiredKeys: [] },
  ),
);

/** Namespace selectors also use the automatic name label. */
const namespaceSelectorArb: fc.Arbitrary<LabelSelector> = fc.oneof(
  podSelectorArb,
  fc.constantFrom(...NAMESPACE_NAMES).map((name) => ({ matchLabels: { 'kubernetes.io/metadata.name': name } })),
  fc.uniqueArray(fc.constantFrom(...NAMESPACE_NAMES), { minLength: 1, maxLength: 2 }).map((values) => ({
    matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn' as const, values }],
  })),
);

const peerArb: fc.Arbitrary<NetworkPolicyPeer> = fc.oneof(
  podSelectorArb.map((podSelector) => ({ podSelector })),
  namespaceSelectorArb.map((namespaceSelector) => ({ namespaceSelector })),
  fc.record({ namespaceSelector: namespaceSelectorArb, podSelector: podSelectorArb }),
  fc.constantFrom(...IP_BLOCKS).map((ipBlock) => ({ ipBlock })),
);

/** absent, [] or a few items. */
function optionalList<T>(item: fc.Arbitrary<T>): fc.Arbitrary<T[] | undefined> {
  return fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 1 },
    { arbitrary: fc.constant<T[]>([]), weight: 1 },
    { arbitrary: fc.array(item, { minLength: 1, maxLength: 3 }), weight: 4 },
  );
}

const ruleParts = fc.record({ peers: optionalList(peerArb), ports: optionalList(fc.constantFrom(...POLICY_PORTS)) });

const policyTypesArb: fc.Arbitrary<PolicyType[] | undefined> = fc.constantFrom(
  undefined,
  [],
  ['Ingress'],
  ['Egress'],
  ['Ingress', 'Egress'],
);

function policyArb(name: string, namespaces: readonly string[]): fc.Arbitrary<PolicyEntry> {
  return fc
    .record({
      namespace: fc.constantFrom(...namespaces),
      podSelector: podSelectorArb,
      policyTypes: policyTypesArb,
      ingress: fc.option(fc.array(ruleParts, { maxLength: 3 }), { nil: undefined }),
      egress: fc.option(fc.array(ruleParts, { maxLength: 3 }), { nil: undefined }),
    })
    .map(({ namespace, podSelector, policyTypes, ingress, egress }) => {
      const policy: NetworkPolicy = {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name, namespace },
        spec: {
          podSelector,
          ...(policyTypes !== undefined ? { policyTypes } : {}),
          ...(ingress !== undefined ? { ingress: ingress.map((rule) => ({ from: rule.peers, ports: rule.ports })) } : {}),
          ...(egress !== undefined ? { egress: egress.map((rule) => ({ to: rule.peers, ports: rule.ports })) } : {}),
        },
      };
      return { policy };
    });
}

/** v1alpha2 protocols: numbers, ranges, named ports (http on TCP, dns on UDP, sig on SCTP). */
const TIER_PROTOCOLS: ClusterNetworkPolicyProtocol[] = [
  { tcp: { destinationPort: { number: 80 } } },
  { tcp: { destinationPort: { range: { start: 50, end: 90 } } } },
  { udp: { destinationPort: { number: 53 } } },
  { sctp: { destinationPort: { range: { start: 9000, end: 9001 } } } },
  { tcp: { destinationPort: { range: { start: 1, end: 65535 } } } },
  { destinationNamedPort: 'http' },
  { destinationNamedPort: 'dns' },
  { destinationNamedPort: 'sig' },
];

/** v1alpha1 ports. */
const ADMIN_PORTS: AdminNetworkPolicyPort[] = [
  { portNumber: { port: 80 } },
  { portNumber: { protocol: 'UDP', port: 53 } },
  { portRange: { start: 50, end: 90 } },
  { portRange: { protocol: 'SCTP', start: 9000, end: 9001 } },
  { namedPort: 'http' },
  { namedPort: 'dns' },
];

const NETWORKS = [['10.0.0.0/16'], ['10.0.0.1/32', 'fd00::/8'], ['0.0.0.0/0'], ['192.168.0.0/16']];

const tierIngressPeerArb: fc.Arbitrary<ClusterNetworkPolicyEgressPeer> = fc.oneof(
  namespaceSelectorArb.map((namespaces) => ({ namespaces })),
  fc.record({ namespaceSelector: namespaceSelectorArb, podSelector: podSelectorArb }).map((pods) => ({ pods })),
);

/** Egress peers: mostly selectors and networks; nodes and domainNames now and then. */
const tierEgressPeerArb: fc.Arbitrary<ClusterNetworkPolicyEgressPeer> = fc.oneof(
  { arbitrary: tierIngressPeerArb, weight: 4 },
  { arbitrary: fc.constantFrom(...NETWORKS).map((networks) => ({ networks })), weight: 2 },
  { arbitrary: fc.constant({ nodes: {} }), weight: 1 },
  { arbitrary: fc.constant({ domainNames: ['example.com'] }), weight: 1 },
);

const subjectArb = fc.oneof(
  namespaceSelectorArb.map((namespaces) => ({ namespaces })),
  fc.record({ namespaceSelector: namespaceSelectorArb, podSelector: podSelectorArb }).map((pods) => ({ pods })),
);

function tierRulesArb<Peer, Ports>(
  actions: readonly string[],
  peer: fc.Arbitrary<Peer>,
  ports: readonly Ports[],
): fc.Arbitrary<{ action: string; peers: Peer[]; ports?: Ports[] }[] | undefined> {
  return fc.option(
    fc.array(
      fc.record(
        {
          action: fc.constantFrom(...actions),
          peers: fc.array(peer, { minLength: 1, maxLength: 2 }),
          ports: fc.array(fc.constantFrom(...ports), { minLength: 1, maxLength: 2 }),
        },
        { requiredKeys: ['action', 'peers'] },
      ),
      { minLength: 1, maxLength: 3 },
    ),
    { nil: undefined },
  );
}

/** Priorities from a few values, so that policies often share one (Ambiguous 1). */
const priorityArb = fc.constantFrom(1, 2, 3);

function clusterNetworkPolicyArb(name: string): fc.Arbitrary<AdminTierPolicyEntry> {
  return fc
    .record({
      tier: fc.constantFrom('Admin' as const, 'Baseline' as const),
      priority: priorityArb,
      subject: subjectArb,
      ingress: tierRulesArb(['Accept', 'Deny', 'Pass'], tierIngressPeerArb, TIER_PROTOCOLS),
      egress: tierRulesArb(['Accept', 'Deny', 'Pass'], tierEgressPeerArb, TIER_PROTOCOLS),
    })
    .map(({ tier, priority, subject, ingress, egress }) => ({
      policy: {
        apiVersion: 'policy.networking.k8s.io/v1alpha2',
        kind: 'ClusterNetworkPolicy',
        metadata: { name },
        spec: {
          tier,
          priority,
          subject,
          ...(ingress ? { ingress: ingress.map((rule) => ({ action: rule.action as 'Accept', from: rule.peers, ...(rule.ports ? { protocols: rule.ports } : {}) })) } : {}),
          ...(egress ? { egress: egress.map((rule) => ({ action: rule.action as 'Accept', to: rule.peers, ...(rule.ports ? { protocols: rule.ports } : {}) })) } : {}),
        },
      },
    }));
}

/** An AdminNetworkPolicy (`baseline` false) or the BaselineAdminNetworkPolicy. */
function v1alpha1PolicyArb(name: string, baseline: boolean): fc.Arbitrary<AdminTierPolicyEntry> {
  const actions = baseline ? ['Allow', 'Deny'] : ['Allow', 'Deny', 'Pass'];
  return fc
    .record({
      priority: priorityArb,
      subject: subjectArb,
      ingress: tierRulesArb(actions, tierIngressPeerArb, ADMIN_PORTS),
      egress: tierRulesArb(actions, tierEgressPeerArb.filter((peer) => !baseline || !peer.domainNames), ADMIN_PORTS),
    })
    .map(({ priority, subject, ingress, egress }) => {
      const rules = {
        ...(ingress ? { ingress: ingress.map((rule) => ({ action: rule.action as 'Allow', from: rule.peers, ...(rule.ports ? { ports: rule.ports } : {}) })) } : {}),
        ...(egress ? { egress: egress.map((rule) => ({ action: rule.action as 'Allow', to: rule.peers, ...(rule.ports ? { ports: rule.ports } : {}) })) } : {}),
      };
      return {
        policy: baseline
          ? { apiVersion: 'policy.networking.k8s.io/v1alpha1' as const, kind: 'BaselineAdminNetworkPolicy' as const, metadata: { name: 'default' as const }, spec: { subject, ...rules } }
          : { apiVersion: 'policy.networking.k8s.io/v1alpha1' as const, kind: 'AdminNetworkPolicy' as const, metadata: { name }, spec: { priority, subject, ...rules } },
      };
    });
}

/** Mostly ClusterNetworkPolicies of both tiers; sometimes an AdminNetworkPolicy and the BaselineAdminNetworkPolicy. */
const adminTierPoliciesArb: fc.Arbitrary<AdminTierPolicyEntry[]> = fc
  .record({
    cnps: fc.integer({ min: 0, max: 4 }),
    anp: fc.boolean(),
    banp: fc.boolean(),
  })
  .chain(({ cnps, anp, banp }) =>
    fc.tuple(
      ...Array.from({ length: cnps }, (_, index) => clusterNetworkPolicyArb(`cnp-${index}`)),
      ...(anp ? [v1alpha1PolicyArb('anp-0', false)] : []),
      ...(banp ? [v1alpha1PolicyArb('default', true)] : []),
    ),
  );

/**
 * Clusters of NetworkPolicies only (`tiers` false), or mixing the three tiers: admin-tier
 * policies, hostNetwork pods, and workload endpoints beside pods.
 */
function clusterArbitrary(tiers: boolean): fc.Arbitrary<ClusterModel> {
  return fc
  .integer({ min: 2, max: 4 })
  .chain((namespaceCount) => {
    const names = NAMESPACE_NAMES.slice(0, namespaceCount);
    const namespaces = fc.tuple(
      ...names.map((name) =>
        labelsArb.map((labels): Namespace => ({ name, labels: { ...labels, 'kubernetes.io/metadata.name': name } })),
      ),
    );
    const endpoints = fc.tuple(
      ...names.map((namespace) =>
        fc.array(
          fc.record({
            labels: labelsArb,
            ports: fc.subarray(CONTAINER_PORTS),
            ips: fc.oneof(fc.constant([]), fc.subarray(POD_IPS, { minLength: 1, maxLength: 2 })),
            kind: tiers ? fc.constantFrom('Pod', 'Pod', 'Deployment') : fc.constant('Pod'),
            hostNetwork: tiers ? fc.constantFrom(false, false, false, true) : fc.constant(false),
          }),
          { minLength: 1, maxLength: 4 },
        ).map((pods) =>
          pods.map(({ hostNetwork, ...pod }, index): Endpoint => ({ namespace, name: `pod-${index}`, ...pod, ...(hostNetwork ? { hostNetwork } : {}) })),
        ),
      ),
    );
    const policies = fc
      .integer({ min: tiers ? 0 : 1, max: 6 })
      .chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => policyArb(`policy-${index}`, names))));
    return fc.record({ namespaces, endpoints, policies, adminTierPolicies: tiers ? adminTierPoliciesArb : fc.constant(undefined) });
  })
  .map(({ namespaces, endpoints, policies, adminTierPolicies }) => ({
    namespaces,
    endpoints: endpoints.flat(),
    policies,
    ...(adminTierPolicies ? { adminTierPolicies } : {}),
  }));
}

/** NetworkPolicies only. */
export const clusterArb: fc.Arbitrary<ClusterModel> = clusterArbitrary(false);

/** The three tiers mixed: NetworkPolicies, ClusterNetworkPolicies of both tiers, ANP and BANP. */
export const tieredClusterArb: fc.Arbitrary<ClusterModel> = clusterArbitrary(true);
