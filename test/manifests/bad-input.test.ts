import { promises as fs } from 'fs';
import * as path from 'path';
import { Readable } from 'stream';
import { MAX_MANIFEST_BYTES, ManifestError, loadManifests } from '../../lib/manifests';
import { useTempDir } from './temp-dir';

const BAD = path.join(__dirname, '..', 'fixtures', 'manifests', 'bad');
const scratch = useTempDir('netpol-bad-input-');

/** The ManifestError loading `paths` fails with. */
async function loadError(paths: string[], stdinText?: string): Promise<ManifestError> {
  const stdin = stdinText === undefined ? undefined : Readable.from([Buffer.from(stdinText)]);
  const error = await loadManifests(paths, { stdin }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ManifestError);
  return error as ManifestError;
}

function bad(name: string): string {
  return path.join(BAD, name);
}

/** The objects of `paths`, each as `documentIndex role: detail` for the skipped and the invalid. */
async function unread(paths: string[], stdinText?: string): Promise<string[]> {
  const stdin = stdinText === undefined ? undefined : Readable.from([Buffer.from(stdinText)]);
  const { objects } = await loadManifests(paths, { stdin });
  return objects.flatMap((object) => {
    if (object.role === 'skipped') {
      return [`${object.source.documentIndex} skipped: ${object.reason}`];
    }
    if (object.role === 'invalid') {
      return [`${object.source.documentIndex} invalid ${object.kind} ${object.name}: ${object.error.path}: ${object.error.message}`];
    }
    return [];
  });
}

/** The text as document 1, after a good object: what is reported is placed by its index. */
function afterANamespace(text: string): string {
  return `apiVersion: v1\nkind: Namespace\nmetadata: {name: first}\n---\n${text}`;
}

describe('a document that is not a Kubernetes object is skipped, with its reason', () => {
  test('a document that is a string names its index', async () => {
    expect(await unread([bad('string-document.yaml')])).toEqual(['1 skipped: not a Kubernetes object: it is a string ("NetworkPolicy"), not a mapping with apiVersion, kind and metadata']);
  });

  test.each([
    ['no kind', 'apiVersion: v1\nmetadata: {name: x}\n', 'not a Kubernetes object: no kind'],
    ['no apiVersion', 'kind: Pod\nmetadata: {name: x}\n', 'not a Kubernetes object: no apiVersion'],
    ['a numeric kind', 'apiVersion: v1\nkind: 7\n', 'not a Kubernetes object: kind is a number (7)'],
    ['a Helm values file', 'replicaCount: 2\nimage: {repository: nginx}\n', 'not a Kubernetes object: no apiVersion, no kind'],
    ['a bare list', '- a\n- b\n', 'not a Kubernetes object: it is a list, not a mapping with apiVersion, kind and metadata'],
    [
      'a kustomization.yaml',
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n',
      'Kustomization (kustomize.config.k8s.io/v1beta1) is read by kustomize, not sent to the cluster',
    ],
    ['a kustomize Component', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n', 'Component (kustomize.config.k8s.io/v1alpha1) is read by kustomize, not sent to the cluster'],
  ])('%s', async (_name, text, reason) => {
    expect(await unread(['-'], afterANamespace(text))).toEqual([`1 skipped: ${reason}`]);
  });
});

describe('an object of a kind that is read, with a field of the wrong shape, is invalid: kept with its error', () => {
  test('a NetworkPolicy whose metadata is not an object', async () => {
    expect(await unread([bad('string-metadata.yaml')])).toEqual(['0 invalid NetworkPolicy : metadata: must be a mapping, got a string ("deny-all")']);
  });

  test('an unquoted yes as a label value is a boolean, and refused', async () => {
    expect(await unread([bad('unquoted-label.yaml')])).toEqual(['0 invalid Pod p: metadata.labels[enabled]: label values must be strings, got a boolean (true); quote it in YAML']);
  });

  test.each([
    ['a numeric name', 'apiVersion: v1\nkind: Pod\nmetadata: {name: 7}\n', 'Pod : metadata.name: must be a string, got a number (7)'],
    ['a pod without a name', 'apiVersion: v1\nkind: Pod\nmetadata: {labels: {a: b}}\n', 'Pod : metadata.name: required: a non-empty name'],
    ['a workload without a template', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {}\n', 'Deployment d: spec.template: required: must be a mapping'],
    [
      'a container port out of range',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, ports: [{containerPort: 70000}]}]}\n',
      'Pod p: spec.containers[0].ports[0].containerPort: must be an integer between 1 and 65535, inclusive',
    ],
    [
      'an unknown container port protocol',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, ports: [{containerPort: 80, protocol: tcp}]}]}\n',
      'Pod p: spec.containers[0].ports[0].protocol: unsupported value "tcp": supported values: TCP, UDP, SCTP',
    ],
    ['a pod IP that is not an IP', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nstatus: {podIP: 10.0.0}\n', 'Pod p: status.podIP: must be an IPv4 or IPv6 address, got "10.0.0"'],
    [
      'an owner reference whose controller is not a boolean',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p, ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: rs, controller: "yes"}]}\n',
      'Pod p: metadata.ownerReferences[0].controller: must be true or false, got a string ("yes")',
    ],
    [
      'two controller owner references',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p, ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: a, controller: true}, {apiVersion: apps/v1, kind: ReplicaSet, name: b, controller: true}]}\n',
      'Pod p: metadata.ownerReferences: only one reference can have controller set to true',
    ],
    [
      'a controller owner reference without a name',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p, ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, controller: true}]}\n',
      'Pod p: metadata.ownerReferences[0].name: required',
    ],
  ])('%s', async (_name, text, detail) => {
    expect(await unread(['-'], afterANamespace(text))).toEqual([`1 invalid ${detail}`]);
  });
});

describe('unreadable input is a ManifestError naming file, document and line', () => {
  test('text that is not YAML names the line and column', async () => {
    const error = await loadError([bad('not-yaml.yaml')]);
    expect(error.message).toBe(`${bad('not-yaml.yaml')}: document 0: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 4, column 1`);
  });

  test('duplicate keys are refused, not resolved to the last', async () => {
    const error = await loadError([bad('duplicate-keys.yaml')]);
    expect(error.message).toBe(`${bad('duplicate-keys.yaml')}: document 0: not valid YAML: Map keys must be unique at line 5, column 3`);
  });

  test('a YAML bomb is refused by the alias limit instead of expanding', async () => {
    const error = await loadError([bad('bomb.yaml')]);
    expect(error.message).toBe(`${bad('bomb.yaml')}: document 0: refused: aliases expand beyond 1000 nodes, as in a "billion laughs" YAML bomb`);
  });

  test('a few aliases, as real manifests use them, are fine', async () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, labels: &l {app: x}}\nspec: {template: {metadata: {labels: *l}}}\n';
    const loaded = await loadManifests(['-'], { stdin: Readable.from([text]) });
    expect(loaded.objects.map((object) => object.role === 'endpoint' && object.endpoint.labels)).toEqual([{ app: 'x' }]);
  });

  test('an alias to an anchor of another document is an error, as anchors do not cross documents', async () => {
    const error = await loadError(['-'], 'a: &l {app: x}\n---\nb: *l\n');
    expect(error.message).toBe('-: document 1: not valid YAML: Unresolved alias (the anchor must be set before the alias): l');
  });

  test('a missing path', async () => {
    const missing = path.join(scratch(), 'nope.yaml');
    const error = await loadError([missing]);
    expect(error.message).toBe(`${missing}: no such file or directory`);
  });

  test('a directory without manifests', async () => {
    const empty = path.join(scratch(), 'empty');
    await fs.mkdir(empty);
    await fs.writeFile(path.join(empty, 'notes.txt'), 'nothing here');
    const error = await loadError([empty]);
    expect(error.message).toBe(`${empty}: directory holds no *.yaml, *.yml or *.json files`);
  });

  test('a file over the size limit is refused before it is read', async () => {
    const huge = path.join(scratch(), 'huge.yaml');
    // Sparse: the size is there without writing 64 MiB.
    await fs.writeFile(huge, '');
    await fs.truncate(huge, MAX_MANIFEST_BYTES + 1);
    const error = await loadError([huge]);
    expect(error.message).toBe(`${huge}: larger than ${MAX_MANIFEST_BYTES} bytes; manifests that large are refused`);
  });

  test('standard input over the limit is refused while reading', async () => {
    const error = await loadManifests(['-'], { stdin: Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), maxBytes: 1000 }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('-: larger than 1000 bytes; manifests that large are refused');
  });

  test('a device that never ends is read only up to the limit', async () => {
    const error = await loadManifests(['/dev/zero'], { maxBytes: 1000 }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('/dev/zero: larger than 1000 bytes; manifests that large are refused');
  });

  test('files are read ahead, but the first bad file in input order is the one reported', async () => {
    const invalid = path.join(scratch(), 'a-invalid.yaml');
    const large = path.join(scratch(), 'b-large.yaml');
    await fs.writeFile(invalid, 'a: [unclosed\n');
    await fs.writeFile(large, `a: ${'x'.repeat(2000)}\n`);
    const first = await loadManifests([invalid, large], { maxBytes: 1000 }).catch((e: unknown) => e);
    expect((first as Error).message).toMatch(new RegExp(`^${invalid}: document 0: not valid YAML`));
    const second = await loadManifests([large, invalid], { maxBytes: 1000 }).catch((e: unknown) => e);
    expect((second as Error).message).toBe(`${large}: larger than 1000 bytes; manifests that large are refused`);
  });

  test('standard input named twice', async () => {
    const error = await loadError(['-', '-'], '');
    expect(error.message).toBe('-: standard input can be read only once');
  });

  test('no paths at all', async () => {
    const error = await loadError([]);
    expect(error.message).toBe('(no input): give at least one file, directory, or - for standard input');
  });
});
