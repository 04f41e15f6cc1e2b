import { Analyzer, formatPortSet } from '../../lib/analysis';
import { effectivePolicyTypes } from '../../lib/model';
import * as path from 'path';
import { ManifestError, buildClusterModel, loadManifests, parseDocuments, readManifestObject } from '../../lib/manifests';
import { readYamlExact } from '../../lib/manifests/exact-yaml';
import { readYamlFast } from '../../lib/manifests/fast-yaml';

/** Objects from YAML text, read as loadManifests reads one file. */
function objects(text: string) {
  return parseDocuments(text, 'in.yaml').map(({ documentIndex, value }) => readManifestObject(value, { file: 'in.yaml', documentIndex }, 'default'));
}

function kinds(text: string): string[] {
  return objects(text).map((object) => `${object.source.documentIndex} ${object.apiVersion} ${object.kind} ${object.role} ${object.name}`);
}

/** The documents skipped as not Kubernetes objects: `documentIndex: reason`. */
function skipped(text: string): string[] {
  return objects(text).flatMap((object) => (object.role === 'skipped' ? [`${object.source.documentIndex}: ${object.reason}`] : []));
}

function parseError(text: string): string {
  try {
    objects(text);
  } catch (error) {
    if (error instanceof ManifestError) {
      return error.message;
    }
    throw error;
  }
  throw new Error('expected a ManifestError');
}

/** Every pair with something allowed, with its ports. */
function matrix(text: string): string[] {
  const build = buildClusterModel(objects(text));
  expect(build.rejected).toEqual([]);
  return new Analyzer(build.model).portMatrix().map((entry) => `${entry.from} -> ${entry.to}: ${formatPortSet(entry.ports)}`);
}

// Sources for the list cases: apimachinery pkg/apis/meta/v1/unstructured/helpers.go,
// unstructuredJSONScheme.decode (a document with `items` is a list) and decodeToList (items
// with neither kind nor apiVersion take the list's apiVersion and its kind minus "List").
describe('lists, as kubectl decodes them', () => {
  test('a typed list gives its items without kind and apiVersion the item kind and the list apiVersion', () => {
    const text = [
      'apiVersion: v1\nkind: PodList\nmetadata: {resourceVersion: "1"}\nitems:',
      '- metadata: {name: a, namespace: x}',
      '- metadata: {name: b, namespace: x}',
      '---',
      'apiVersion: apps/v1\nkind: DeploymentList\nitems:\n- metadata: {name: web, namespace: x}\n  spec: {template: {metadata: {labels: {app: web}}}}',
      '---',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicyList\nitems:\n- metadata: {name: deny, namespace: x}\n  spec: {podSelector: {}}',
      '---',
      'apiVersion: v1\nkind: NamespaceList\nitems:\n- metadata: {name: x}',
    ].join('\n');
    expect(kinds(text)).toEqual([
      '0 v1 Pod endpoint a',
      '1 v1 Pod endpoint b',
      '2 apps/v1 Deployment endpoint web',
      '3 networking.k8s.io/v1 NetworkPolicy policy deny',
      '4 v1 Namespace namespace x',
    ]);
  });

  test('items of `v1 List` keep their own kind; one with only a kind or only an apiVersion is left as it is', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: apps/v1, kind: Deployment, metadata: {name: web}, spec: {template: {}}}\n- {kind: Pod, metadata: {name: p}}\n';
    expect(parseDocuments(text, 'in.yaml').map(({ value }) => value)).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template: {} } },
      { kind: 'Pod', metadata: { name: 'p' } },
    ]);
    expect(skipped(text)).toEqual(['1: not a Kubernetes object: no apiVersion']);
  });

  test('lists nest; `items: null` and `items: []` are empty lists; a null item is an object with the list kind only', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: PodList\n  items: [{metadata: {name: a, namespace: x}}]\n- {apiVersion: v1, kind: List, items: null}\n- {apiVersion: v1, kind: List, items: []}\n';
    expect(kinds(text)).toEqual(['0 v1 Pod endpoint a']);
    expect(parseDocuments('apiVersion: v1\nkind: PodList\nitems: [null]\n', 'in.yaml')).toEqual([{ documentIndex: 0, value: { apiVersion: 'v1', kind: 'Pod' } }]);
  });

  test('a list whose items are not a list is refused with the path of what is wrong', () => {
    expect(parseError('apiVersion: v1\nkind: List\nitems: "oops"\n')).toBe('in.yaml: document 0: items: must be a list of Kubernetes objects, got a string ("oops")');
    expect(parseError('apiVersion: v1\nkind: List\nitems: {a: 1}\n')).toBe('in.yaml: document 0: items: must be a list of Kubernetes objects, got a mapping');
  });

  test('an item that is neither a mapping nor null fails the whole list with its path, as decodeToUnstructured fails on it', () => {
    expect(parseError('apiVersion: v1\nkind: PodList\nitems:\n- metadata: {name: a}\n- 42\n')).toBe(
      'in.yaml: document 0: items[1]: must be a Kubernetes object (a mapping with apiVersion, kind and metadata), got a number (42)',
    );
    expect(parseError('apiVersion: v1\nkind: List\nitems: ["oops"]\n')).toBe(
      'in.yaml: document 0: items[0]: must be a Kubernetes object (a mapping with apiVersion, kind and metadata), got a string ("oops")',
    );
    expect(parseError('apiVersion: v1\nkind: List\nitems: [{apiVersion: v1, kind: List, items: [[]]}]\n')).toBe(
      'in.yaml: document 0: items[0].items[0]: must be a Kubernetes object (a mapping with apiVersion, kind and metadata), got a list',
    );
  });

  test('a document with items but no kind is skipped as not a Kubernetes object', () => {
    expect(skipped('items: [{apiVersion: v1, kind: Pod, metadata: {name: a}}]\n')).toEqual([
      '0: not a Kubernetes object: no apiVersion, no kind',
    ]);
  });

  test('fields the API server writes (status, managedFields, ownerReferences, uid, ...) are read past without error', () => {
    const text = `apiVersion: v1
kind: List
metadata: {resourceVersion: ""}
items:
- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    annotations:
      kubectl.kubernetes.io/last-applied-configuration: |
        {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy"}
    creationTimestamp: "2024-05-01T10:00:00Z"
    generation: 1
    managedFields:
    - {apiVersion: networking.k8s.io/v1, fieldsType: FieldsV1, fieldsV1: {f:spec: {}}, manager: kubectl, operation: Update, time: "2024-05-01T10:00:00Z"}
    name: deny
    namespace: x
    resourceVersion: "123"
    uid: 0b7c1b2e-0000-4000-8000-000000000001
  spec: {podSelector: {}, policyTypes: [Ingress]}
  status: {}
- apiVersion: v1
  kind: Pod
  metadata:
    name: web-7d9c-abcde
    namespace: x
    labels: {app: web, pod-template-hash: 7d9c}
    ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-7d9c, uid: u, controller: true, blockOwnerDeletion: true}]
    uid: u2
  spec:
    containers: [{name: web, image: nginx, ports: [{containerPort: 80, protocol: TCP}], resources: {}}]
    nodeName: node-1
  status: {phase: Running, podIP: 10.0.0.5, podIPs: [{ip: 10.0.0.5}], conditions: [{type: Ready, status: "True"}]}
`;
    const build = buildClusterModel(objects(text), { perPod: true });
    expect(build.findings).toEqual([]);
    expect(build.model.endpoints.map((endpoint) => [endpoint.name, endpoint.ips])).toEqual([['web-7d9c-abcde', ['10.0.0.5']]]);
  });
});

// Sources for the null cases: k8s.io/api networking/v1 types.go (NetworkPolicySpec.PodSelector
// is a non-pointer metav1.LabelSelector; Ingress, Egress, From, To and Ports are slices of
// structs, the peer selectors and ipBlock pointers) decoded by sigs.k8s.io/json, which keeps
// encoding/json's rule: null leaves a pointer, slice or map nil and a struct untouched, so a
// null slice element is the zero struct. Defaulting (pkg/apis/networking/v1/defaults.go)
// then gives a port without protocol TCP.
describe('null, as the API server decodes it', () => {
  const pods = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: x, labels: {app: a}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b, namespace: x}\n---\n';
  const policy = (spec: string) => `${pods}apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: x}\n${spec}\n`;

  test.each([
    ['spec omitted', ''],
    ['spec: null', 'spec: null'],
    ['podSelector omitted', 'spec: {}'],
    ['podSelector: null', 'spec: {podSelector: null}'],
    ['podSelector: {}', 'spec: {podSelector: {}}'],
  ])('%s isolates every pod of the namespace for ingress', (_, spec) => {
    expect(matrix(policy(spec))).toEqual(['x/a -> x/a: all', 'x/b -> x/a: all', 'x/b -> x/b: all'].filter(() => false).concat([]));
  });

  test('a null peer selector is absent, not an empty selector', () => {
    // namespaceSelector: null beside a podSelector: pods of the policy's own namespace only.
    expect(matrix(policy('spec: {podSelector: {}, ingress: [{from: [{podSelector: {matchLabels: {app: a}}, namespaceSelector: null}]}]}'))).toEqual([
      'x/a -> x/a: all',
      'x/a -> x/b: all',
    ]);
  });

  test('from: null and ports: null are absent: every source, every port', () => {
    expect(matrix(policy('spec: {podSelector: {}, ingress: [{from: null, ports: null}]}'))).toEqual([
      'x/a -> x/a: all',
      'x/a -> x/b: all',
      'x/b -> x/a: all',
      'x/b -> x/b: all',
    ]);
  });

  test('ingress: [null] is ingress: [{}], which allows everything, and validate warns', () => {
    const text = policy('spec: {podSelector: {}, ingress: [null]}');
    expect(matrix(text)).toEqual(['x/a -> x/a: all', 'x/a -> x/b: all', 'x/b -> x/a: all', 'x/b -> x/b: all']);
    expect(buildClusterModel(objects(text)).findings.map((finding) => `${finding.path}: ${finding.message}`)).toEqual([
      'spec.ingress[0]: is null, which the API server stores as an empty rule {}: it allows all traffic from every source on every port; write {} if that is intended, or remove it',
    ]);
  });

  test('ports: [null] is ports: [{protocol: TCP}]: every TCP port, no UDP', () => {
    const text = policy('spec: {podSelector: {}, ingress: [{ports: [null]}]}');
    expect(matrix(text)).toEqual(['x/a -> x/a: TCP all', 'x/a -> x/b: TCP all', 'x/b -> x/a: TCP all', 'x/b -> x/b: TCP all']);
    expect(buildClusterModel(objects(text)).findings.map((finding) => finding.path)).toEqual(['spec.ingress[0].ports[0]']);
  });

  test('egress: [null] is an egress rule: Egress joins the default policyTypes and everything is allowed out', () => {
    const build = buildClusterModel(objects(policy('spec: {podSelector: {matchLabels: {app: a}}, egress: [null]}')));
    const { spec } = build.model.policies[0].policy;
    expect(spec.egress).toEqual([{}]);
    expect(effectivePolicyTypes(spec)).toEqual(['Ingress', 'Egress']);
    // x/a is isolated for ingress (no ingress rules) and may send anywhere.
    expect(new Analyzer(build.model).portMatrix().map((entry) => `${entry.from} -> ${entry.to}`)).toEqual(['x/a -> x/b', 'x/b -> x/b']);
  });

  test('from: [null] is a peer that names nothing, which the API server rejects', () => {
    const build = buildClusterModel(objects(policy('spec: {podSelector: {}, ingress: [{from: [null]}]}')));
    expect(build.rejected.map((rejection) => rejection.errors.map((error) => `${error.path}: ${error.message}`))).toEqual([
      ['spec.ingress[0].from[0]: Required value: must specify a peer: podSelector, namespaceSelector (both at once for an AND) or ipBlock'],
    ]);
  });

  test('null in string lists and label maps is the empty string', () => {
    const build = buildClusterModel(
      objects(policy('spec: {podSelector: {matchLabels: {app: null}, matchExpressions: [{key: tier, operator: In, values: [null, web]}]}, policyTypes: [Ingress]}')),
    );
    expect(build.model.policies[0].policy.spec.podSelector).toEqual({ matchLabels: { app: '' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['', 'web'] }] });
    const pod = objects('apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: x, labels: {app: null}}\n');
    expect(pod[0].role === 'endpoint' && pod[0].endpoint.labels).toEqual({ app: '' });
  });

  test('null elements of policyTypes and matchExpressions are reported as the zero values the API server sees', () => {
    const build = buildClusterModel(objects(policy('spec: {podSelector: {matchExpressions: [null]}, policyTypes: [null]}')));
    expect(build.rejected[0].errors.map((error) => `${error.path}: ${error.message}`)).toEqual([
      'spec.podSelector.matchExpressions[0].key: Invalid value: "": name part must be non-empty',
      expect.stringMatching(/^spec\.podSelector\.matchExpressions\[0\]\.key: Invalid value: "": name part must consist of/),
      'spec.podSelector.matchExpressions[0].operator: Invalid value: "": not a valid selector operator; valid operators are In, NotIn, Exists, DoesNotExist (case-sensitive)',
      'spec.policyTypes[0]: Unsupported value: "": supported values: "Ingress", "Egress"',
    ]);
  });
});

// go-yaml v2 (sigs.k8s.io/yaml's fork, which kubectl reads YAML with) does not check
// indentation inside flow context and takes a tab there as white space.
describe('flow collections and quoted scalars spanning lines, as go-yaml v2 reads them', () => {
  test.each([
    ['a tab at the start of a flow sequence line', 'args: [\n\t--x,\n\t--y]\n', { args: ['--x', '--y'] }],
    ['a tab before the closing bracket', 'spec:\n  args: [\n\t  --x,\n\t  --y\n\t]\n', { spec: { args: ['--x', '--y'] } }],
    ['a flow mapping continued at column 0', 'a: {\nb: c}\n', { a: { b: 'c' } }],
    ['a double-quoted scalar continued after a tab', 'a: "x\n\ty"\n', { a: 'x y' }],
    ['a single-quoted scalar continued at column 0', "a:\n  b: 'x\ny'\n", { a: { b: 'x y' } }],
  ])('%s', (_, text, value) => {
    expect(readYamlExact(text)).toEqual({ values: [value] });
    // The fast reader leaves such text to the exact one, and parseDocuments gives the same value.
    expect(readYamlFast(text)).toBeUndefined();
    expect(parseDocuments(text, 'in.yaml')).toEqual([{ documentIndex: 0, value }]);
  });

  test('a document marker inside an unclosed flow still ends the document, and the error keeps its line', () => {
    expect(readYamlExact('a: [b,\n---\nc: d\n').failure).toMatch(/^not valid YAML: .* at line 2, column \d+$/);
  });
});

describe('a cluster dump', () => {
  const DUMP = path.join(__dirname, '..', 'fixtures', 'manifests', 'cluster-dump');

  test('a v1 List from kubectl get and typed lists from the API, with status and managedFields, load without findings', async () => {
    const loaded = await loadManifests([DUMP]);
    expect(loaded.objects.map((object) => `${path.basename(object.source.file)}#${object.source.documentIndex} ${object.role} ${object.kind} ${object.namespace}/${object.name}`)).toEqual([
      'all.yaml#0 endpoint Pod shop/checkoutservice-69c8ff664b-x5bhp',
      'all.yaml#1 endpoint Deployment shop/frontend',
      'all.yaml#2 policy NetworkPolicy shop/checkout',
      'pods.json#0 endpoint Pod shop/redis-cart-5b9f6c7d8-q2w3e',
      'replicasets.yaml#0 endpoint ReplicaSet shop/frontend-7d5b8c9f4',
      'replicasets.yaml#1 policy NetworkPolicy shop/redis',
    ]);
    const build = buildClusterModel(loaded.objects, { perPod: true });
    expect(build.findings).toEqual([]);
    const analyzer = new Analyzer(build.model);
    const checkout = { kind: 'endpoint', id: 'shop/checkoutservice-69c8ff664b-x5bhp' } as const;
    expect(formatPortSet(analyzer.allowedPorts({ kind: 'endpoint', id: 'shop/frontend' }, checkout))).toBe('TCP 5050');
    expect(formatPortSet(analyzer.allowedPorts(checkout, { kind: 'endpoint', id: 'shop/redis-cart-5b9f6c7d8-q2w3e' }))).toBe('TCP 6379');
  });
});
