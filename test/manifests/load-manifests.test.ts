import { promises as fs } from 'fs';
import * as path from 'path';
import { Readable } from 'stream';
import { ManifestObject, loadManifests } from '../../lib/manifests';
import { useTempDir } from './temp-dir';

const ESTATE = path.join(__dirname, '..', 'fixtures', 'manifests', 'estate');

function stdin(text: string): Readable {
  return Readable.from([Buffer.from(text)]);
}

function summary(object: ManifestObject): string {
  const where = `${path.relative(ESTATE, object.source.file)}#${object.source.documentIndex}`;
  return `${where} ${object.role} ${object.kind} ${object.namespace ?? '-'}/${object.name}`;
}

const scratch = useTempDir('netpol-manifests-');

describe('loadManifests', () => {
  test('reads a directory recursively in sorted order: YAML, JSON, multi-document, Lists; skips other files', async () => {
    const loaded = await loadManifests([ESTATE]);
    expect(loaded.files.map((file) => path.relative(ESTATE, file))).toEqual([
      'list.json',
      'namespaces.yaml',
      'nested/other-kinds.yml',
      'policies.yaml',
      'workloads.yaml',
    ]);
    expect(loaded.objects.map(summary)).toEqual([
      // List items take one document index each.
      'list.json#0 endpoint StatefulSet data/db',
      'list.json#1 endpoint DaemonSet ops/agent',
      'namespaces.yaml#0 namespace Namespace -/shop',
      'nested/other-kinds.yml#0 service Service edge/web',
      'nested/other-kinds.yml#1 unevaluated NetworkPolicy shop/calico',
      'nested/other-kinds.yml#2 endpoint ReplicaSet ops/rs',
      'nested/other-kinds.yml#3 endpoint Job ops/once',
      'nested/other-kinds.yml#4 endpoint ReplicationController ops/rc',
      'policies.yaml#0 policy NetworkPolicy shop/default-deny',
      // The empty document between them keeps its index.
      'policies.yaml#2 policy NetworkPolicy default/allow-web',
      'workloads.yaml#0 endpoint Deployment shop/web',
      'workloads.yaml#1 endpoint CronJob shop/report',
      'workloads.yaml#2 endpoint Pod default/debug',
    ]);
  });

  test('objects without a namespace take the default namespace and say so', async () => {
    const loaded = await loadManifests([path.join(ESTATE, 'policies.yaml')], { defaultNamespace: 'staging' });
    expect(loaded.objects.map((object) => [object.name, object.namespace, object.namespaceAssumed])).toEqual([
      ['default-deny', 'shop', false],
      ['allow-web', 'staging', true],
    ]);
  });

  test('reads workloads into endpoints: template labels, container ports with protocols, pod IPs', async () => {
    const loaded = await loadManifests([path.join(ESTATE, 'workloads.yaml')]);
    const endpoints = loaded.objects.flatMap((object) => (object.role === 'endpoint' ? [object.endpoint] : []));
    expect(endpoints.map(({ source: _source, ...endpoint }) => endpoint)).toEqual([
      {
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        labels: { app: 'web', tier: 'front' },
        ports: [
          { name: 'http', port: 8080, protocol: 'TCP' },
          { name: 'metrics', port: 9090, protocol: 'TCP' },
          { name: 'dns', port: 53, protocol: 'UDP' },
        ],
        ips: [],
      },
      { kind: 'CronJob', namespace: 'shop', name: 'report', labels: { app: 'report' }, ports: [], ips: [] },
      {
        kind: 'Pod',
        namespace: 'default',
        name: 'debug',
        labels: {},
        ports: [{ port: 7777, protocol: 'SCTP' }],
        ips: ['10.0.0.7', 'fd00::7'],
      },
    ]);
  });

  test('declared namespaces carry their own name label, overriding the file', async () => {
    const loaded = await loadManifests([path.join(ESTATE, 'namespaces.yaml')]);
    const [shop] = loaded.objects;
    expect(shop.role === 'namespace' && shop.declared.labels).toEqual({ team: 'payments', 'kubernetes.io/metadata.name': 'shop' });
  });

  test('reads standard input for -, alongside files, in the order given', async () => {
    const policy = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: from-stdin, namespace: x}\nspec: {podSelector: {}}\n';
    const loaded = await loadManifests(['-', path.join(ESTATE, 'namespaces.yaml')], { stdin: stdin(policy) });
    expect(loaded.files[0]).toBe('-');
    expect(loaded.objects.map((object) => `${object.source.file === '-' ? '-' : 'file'} ${object.name}`)).toEqual(['- from-stdin', 'file shop']);
  });

  test('quoted YAML 1.1 look-alikes (yes, 0755) stay strings', async () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {debug: "yes", replicas: "0755"}}\n';
    const loaded = await loadManifests(['-'], { stdin: stdin(pod) });
    const [object] = loaded.objects;
    expect(object.role === 'endpoint' && object.endpoint.labels).toEqual({ debug: 'yes', replicas: '0755' });
  });

  test('a file given by name is read whatever its extension', async () => {
    const file = path.join(scratch(), 'policy.txt');
    await fs.writeFile(file, 'apiVersion: v1\nkind: Namespace\nmetadata: {name: plain}\n');
    const loaded = await loadManifests([file]);
    expect(loaded.objects.map((object) => object.name)).toEqual(['plain']);
  });

  test('follows symbolic links but ends symbolic-link loops', async () => {
    const dir = path.join(scratch(), 'loop');
    await fs.mkdir(path.join(dir, 'a'), { recursive: true });
    await fs.writeFile(path.join(dir, 'a', 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: once}\n');
    await fs.symlink(dir, path.join(dir, 'a', 'loop'));
    const loaded = await loadManifests([dir]);
    expect(loaded.objects.map((object) => object.name)).toEqual(['once']);
  });

  test('a linked file is read; a dangling link is skipped', async () => {
    const dir = path.join(scratch(), 'links');
    await fs.mkdir(dir);
    const target = path.join(scratch(), 'outside.yaml');
    await fs.writeFile(target, 'apiVersion: v1\nkind: Namespace\nmetadata: {name: linked}\n');
    await fs.symlink(target, path.join(dir, 'a.yaml'));
    await fs.symlink(path.join(scratch(), 'gone.yaml'), path.join(dir, 'b.yaml'));
    const loaded = await loadManifests([dir]);
    expect(loaded.files).toEqual([path.join(dir, 'a.yaml')]);
    expect(loaded.objects.map((object) => object.name)).toEqual(['linked']);
  });

  test('constructor and toString labels are ordinary labels; a __proto__ label is refused as the API server refuses its key', async () => {
    const loaded = await loadManifests(['-'], { stdin: stdin('apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {constructor: x, toString: z}}\n') });
    const [object] = loaded.objects;
    expect(object.role === 'endpoint' && Object.entries(object.endpoint.labels)).toEqual([['constructor', 'x'], ['toString', 'z']]);
    const refused = await loadManifests(['-'], { stdin: stdin('apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {__proto__: x}}\n') });
    expect(refused.objects[0]).toMatchObject({ role: 'invalid', error: { rule: 'api-object-meta', path: 'metadata.labels' } });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  test('an empty file yields no objects', async () => {
    const loaded = await loadManifests(['-'], { stdin: stdin('') });
    expect(loaded.objects).toEqual([]);
  });
});
