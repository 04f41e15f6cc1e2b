/** A ClusterModel written back as the manifests `netpol` reads: Namespaces, Pods and the policies. */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { AdminTierPolicyEntry, ClusterModel, Endpoint } from '../../lib/model';

/**
 * The cluster without what the CRDs refuse and the generators write (they feed the analyzer
 * directly, which takes any shape): a named port in an egress rule with a networks, nodes or
 * domainNames peer (the CRDs' CEL rule "peer cannot be set with namedPorts"). Those ports are
 * dropped; a rule left with none matches every port, in both models alike.
 */
export function crdValid(cluster: ClusterModel): ClusterModel {
  return cluster.adminTierPolicies ? { ...cluster, adminTierPolicies: cluster.adminTierPolicies.map(withoutNamedPortsToAddresses) } : cluster;
}

function withoutNamedPortsToAddresses(entry: AdminTierPolicyEntry): AdminTierPolicyEntry {
  const spec = entry.policy.spec as { egress?: readonly Record<string, unknown>[] };
  if (!spec.egress) {
    return entry;
  }
  const egress = spec.egress.map((rule) => {
    const toAddresses = (rule.to as readonly Record<string, unknown>[]).some((peer) => !peer.pods && !peer.namespaces);
    if (!toAddresses) {
      return rule;
    }
    const { protocols, ports, ...rest } = rule as { protocols?: readonly object[]; ports?: readonly object[] };
    const numbered = (list: readonly object[] | undefined) => list?.filter((port) => !('destinationNamedPort' in port) && !('namedPort' in port));
    const kept = { protocols: numbered(protocols), ports: numbered(ports) };
    return {
      ...rest,
      ...(kept.protocols && kept.protocols.length > 0 ? { protocols: kept.protocols } : {}),
      ...(kept.ports && kept.ports.length > 0 ? { ports: kept.ports } : {}),
    };
  });
  return { ...entry, policy: { ...entry.policy, spec: { ...entry.policy.spec, egress } } as unknown as AdminTierPolicyEntry["policy"] };
}

/**
 * The objects of `cluster`: a Namespace per namespace, a Pod per Pod endpoint, one pod with
 * all the IPs of a workload endpoint, owned by the workload (so it is read as the workload
 * again: pods of one workload that ipBlocks tell apart would stay apart), then every policy.
 */
export function clusterObjects(cluster: ClusterModel): unknown[] {
  return [
    ...cluster.namespaces.map((namespace) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace.name, labels: namespace.labels } })),
    ...cluster.endpoints.flatMap(podObjects),
    ...cluster.policies.map((entry) => entry.policy),
    ...(cluster.adminTierPolicies ?? []).map((entry) => entry.policy),
  ];
}

function podObjects(endpoint: Endpoint): unknown[] {
  const ports = endpoint.ports.map((port) => ({ ...(port.name !== undefined ? { name: port.name } : {}), containerPort: port.port, protocol: port.protocol }));
  const pod = (name: string, ips: readonly string[], owner?: object) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: endpoint.namespace, labels: endpoint.labels, ...(owner ? { ownerReferences: [owner] } : {}) },
    spec: { ...(endpoint.hostNetwork ? { hostNetwork: true } : {}), containers: [{ name: 'main', image: 'app', ports }] },
    ...(ips.length > 0 ? { status: { podIP: ips[0], podIPs: ips.map((ip) => ({ ip })) } } : {}),
  });
  if (endpoint.kind === 'Pod') {
    return [pod(endpoint.name, endpoint.ips)];
  }
  const owner = { apiVersion: 'apps/v1', kind: endpoint.kind, name: endpoint.name, uid: `uid-${endpoint.name}`, controller: true };
  return [pod(`${endpoint.name}-0`, endpoint.ips, owner)];
}

/**
 * The generators' few names (label keys and values, namespace names), each replaced, keys and
 * values alike, by a valid name at an edge of the API's rules: prefixed and 63-character keys,
 * the empty value, one-character and 63-character namespace names, names starting with a digit
 * (not `y` or `n`: go-yaml v2, as kubectl, reads those unquoted as booleans, and yaml writes them so).
 * The names occur nowhere else in a generated cluster (`tier`, also a ClusterNetworkPolicy
 * field, is kept), so the swap keeps its meaning.
 */
const EDGE_NAMES: Readonly<Record<string, string>> = {
  app: 'example.com/app',
  team: `a.b_c-${'x'.repeat(57)}`,
  a: '',
  b: 'Z9',
  c: 'v-1.2_3',
  alpha: 'q',
  beta: `b${'x'.repeat(62)}`,
  gamma: '0a',
  delta: 'd-1',
};

export function withEdgeNames(cluster: ClusterModel): ClusterModel {
  const rename = (value: unknown): unknown => {
    if (typeof value === 'string') {
      return Object.prototype.hasOwnProperty.call(EDGE_NAMES, value) ? EDGE_NAMES[value] : value;
    }
    if (Array.isArray(value)) {
      return value.map(rename);
    }
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [rename(key) as string, rename(item)]));
    }
    return value;
  };
  return rename(cluster) as ClusterModel;
}

/** How a set of objects is written: the ways a file (or kubectl) spells the same objects. */
export type ManifestSpelling = 'block' | 'flow' | 'json' | 'list' | 'aliases' | 'quoted' | 'crlf';

export const spellingArb: fc.Arbitrary<ManifestSpelling> = fc.constantFrom('block', 'flow', 'json', 'list', 'aliases', 'quoted', 'crlf');

/**
 * The objects as one YAML (or JSON) stream: documents in block or flow style, one JSON
 * document per object, one `kind: List`, or block style with repeated values written as
 * anchors and aliases (as yaml's stringify does for an object met twice), every key and
 * string double-quoted, or block style with CRLF line ends.
 */
export function manifestText(objects: readonly unknown[], spelling: ManifestSpelling): string {
  switch (spelling) {
    case 'json':
      return objects.map((object) => JSON.stringify(object, null, 1)).join('\n---\n');
    case 'list':
      return stringify({ apiVersion: 'v1', kind: 'List', items: objects }, { aliasDuplicateObjects: false });
    case 'flow':
      return objects.map((object) => stringify(object, { collectionStyle: 'flow', aliasDuplicateObjects: false })).join('---\n');
    case 'aliases':
      // One document: anchors are per document, so repeated values across objects become aliases.
      return stringify({ apiVersion: 'v1', kind: 'List', items: objects }, { aliasDuplicateObjects: true });
    case 'quoted':
      return objects
        .map((object) => stringify(object, { aliasDuplicateObjects: false, defaultKeyType: 'QUOTE_DOUBLE', defaultStringType: 'QUOTE_DOUBLE' }))
        .join('---\n');
    case 'crlf':
      return manifestText(objects, 'block').replace(/\n/g, '\r\n');
    case 'block':
      return objects.map((object) => stringify(object, { aliasDuplicateObjects: false })).join('---\n');
  }
}
