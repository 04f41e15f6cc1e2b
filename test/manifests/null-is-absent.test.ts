import fc from 'fast-check';
import { Analyzer, formatPortSet } from '../../lib/analysis';
import { ManifestError, buildClusterModel, parseDocuments, readManifestObject } from '../../lib/manifests';

/**
 * `null` means absent at every field of every object kind read (Go's decoders leave a null
 * pointer, slice or map nil): putting null at any set of field paths gives the same verdict
 * (the load error, the validation findings, the rejected policies and the reach result) as
 * leaving those keys out, and never an internal error.
 *
 * Not covered, on purpose: the `items` key of a list document itself. kubectl reads
 * `items: null` as an empty list and a document without `items` as a single object of kind
 * List (see parse-documents.ts), so there the two differ.
 */

const labels = (app: string) => ({ app, tier: 'web' });
const selector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }] };
const podSpec = {
  containers: [{ name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }],
  hostNetwork: false,
};
const managed = {
  uid: 'u1',
  resourceVersion: '42',
  generation: 2,
  creationTimestamp: '2024-05-01T10:00:00Z',
  annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
  managedFields: [{ manager: 'kubectl', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': {} } }],
};

/** A `kubectl get -o json`-like estate: a v1 List of every kind read, and a typed PodList. */
function estate(): unknown[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'List',
      metadata: { resourceVersion: '' },
      items: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'a' }, ...managed }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } },
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: 'web', namespace: 'shop', labels: { team: 'a' }, ...managed },
          spec: {
            podSelector: selector,
            policyTypes: ['Ingress', 'Egress'],
            ingress: [
              {
                from: [
                  { podSelector: { matchLabels: { app: 'api' } }, namespaceSelector: { matchLabels: { team: 'a' } } },
                  { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
                ],
                ports: [{ protocol: 'TCP', port: 8080, endPort: 8090 }, { port: 'http' }],
              },
            ],
            egress: [{ to: [{ namespaceSelector: { matchLabels: { team: 'a' } } }], ports: [{ protocol: 'UDP', port: 53 }] }],
          },
        },
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace: 'shop', labels: labels('web'), ...managed },
          spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: labels('web') }, spec: podSpec } },
          status: { replicas: 2 },
        },
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: { name: 'report', namespace: 'shop' },
          spec: { schedule: '@daily', jobTemplate: { spec: { template: { metadata: { labels: labels('report') }, spec: podSpec } } } },
        },
      ],
    },
    {
      apiVersion: 'v1',
      kind: 'PodList',
      metadata: { resourceVersion: '7' },
      items: [
        {
          metadata: {
            name: 'api-6b7d-x5bhp',
            namespace: 'shop',
            labels: labels('api'),
            ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'api-6b7d', uid: 'u2', controller: true }],
            ...managed,
          },
          spec: podSpec,
          status: { phase: 'Running', podIP: '10.2.0.5', podIPs: [{ ip: '10.2.0.5' }] },
        },
      ],
    },
  ];
}

type Path = readonly (string | number)[];

/** Every path to a key of a mapping, at any depth (list elements themselves excluded). */
function keyPaths(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => keyPaths(item, [...prefix, index]));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, child]) => [[...prefix, key], ...keyPaths(child, [...prefix, key])]);
  }
  return [];
}

const isListItemsKey = (path: Path): boolean => path.length === 2 && path[1] === 'items';
// A null VALUE in a label map is not an absent key: Go decodes it into map[string]string as
// the key with "" (decode-like-kubectl.test.ts pins that), so those paths are left out here.
const isLabelMapValue = (path: Path) => ['labels', 'matchLabels'].includes(String(path[path.length - 2]));
const PATHS = estate()
  .flatMap((document, index) => keyPaths(document, [index]))
  .filter((path) => !isListItemsKey(path) && !isLabelMapValue(path));

/** The estate with each path set to null, or its key deleted; paths under a changed one are skipped. */
function changed(paths: readonly Path[], change: 'null' | 'omit'): unknown[] {
  const documents = estate();
  for (const path of paths) {
    let parent: unknown = documents;
    for (const step of path.slice(0, -1)) {
      parent = typeof parent === 'object' && parent !== null ? (parent as Record<string | number, unknown>)[step] : undefined;
    }
    if (typeof parent === 'object' && parent !== null) {
      const key = path[path.length - 1];
      if (change === 'null') {
        (parent as Record<string | number, unknown>)[key] = null;
      } else {
        delete (parent as Record<string | number, unknown>)[key];
      }
    }
  }
  return documents;
}

/** What netpol concludes from the documents: the load error, or the findings and the reach result. */
function verdict(documents: readonly unknown[]): unknown {
  const text = documents.map((document) => JSON.stringify(document)).join('\n---\n');
  let objects;
  let build: ReturnType<typeof buildClusterModel>;
  try {
    objects = parseDocuments(text, 'dump.yaml').map(({ documentIndex, value }) => readManifestObject(value, { file: 'dump.yaml', documentIndex }, 'default'));
    // Owner references are read while endpoints are derived, so a bad one stops the build.
    build = buildClusterModel(objects, { perPod: true });
  } catch (error) {
    if (error instanceof ManifestError) {
      return { error: error.message };
    }
    throw error;
  }
  const findings = build.findings.map((finding) => `${finding.documentIndex} ${finding.severity} ${finding.path}: ${finding.message}`);
  if (build.rejected.length > 0) {
    return { findings, rejected: build.rejected.map((rejection) => rejection.object.name) };
  }
  const analyzer = new Analyzer(build.model);
  const internet = { kind: 'external', ip: '8.8.8.8' } as const;
  const reach = analyzer.portMatrix().map((entry) => `${entry.from} -> ${entry.to}: ${formatPortSet(entry.ports)}`);
  for (const id of analyzer.endpointIds()) {
    const endpoint = { kind: 'endpoint', id } as const;
    reach.push(`${id} -> internet: ${formatPortSet(analyzer.allowedPorts(endpoint, internet))}`);
    reach.push(`internet -> ${id}: ${formatPortSet(analyzer.allowedPorts(internet, endpoint))}`);
  }
  return { findings, reach };
}

describe('null is absent', () => {
  test('the estate itself loads and is analysed', () => {
    expect(verdict(estate())).toEqual(expect.objectContaining({ reach: expect.arrayContaining([expect.stringContaining('shop/web')]) }));
  });

  test.each(PATHS.map((path) => [path.join('.')]))('null at %s gives the verdict of the key omitted', (joined) => {
    const path = PATHS.find((candidate) => candidate.join('.') === joined) as Path;
    expect(verdict(changed([path], 'null'))).toEqual(verdict(changed([path], 'omit')));
  });

  test('null at any set of field paths gives the verdict of those keys omitted, never an internal error', () => {
    fc.assert(
      fc.property(fc.subarray(PATHS, { maxLength: 6 }), (paths) => {
        expect(verdict(changed(paths, 'null'))).toEqual(verdict(changed(paths, 'omit')));
      }),
      { numRuns: 300 },
    );
  });
});
