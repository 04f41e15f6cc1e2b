/** fast-check generators of small valid clusters and policies for the property tests. */
import fc from 'fast-check';
import {
  ClusterModel,
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

export const clusterArb: fc.Arbitrary<ClusterModel> = fc
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
          }),
          { minLength: 1, maxLength: 4 },
        ).map((pods) =>
          pods.map((pod, index): Endpoint => ({ namespace, name: `pod-${index}`, kind: 'Pod', ...pod })),
        ),
      ),
    );
    const policies = fc
      .integer({ min: 1, max: 6 })
      .chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => policyArb(`policy-${index}`, names))));
    return fc.record({ namespaces, endpoints, policies });
  })
  .map(({ namespaces, endpoints, policies }) => ({ namespaces, endpoints: endpoints.flat(), policies }));
