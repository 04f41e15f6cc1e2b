import { promises as fs } from 'fs';
import * as path from 'path';
import { Readable } from 'stream';
import { InputLimitError, LoadManifestsOptions, MAX_DOCUMENTS, MAX_YAML_NODES, loadManifests, parseDocuments } from '../../lib/manifests';
import { useTempDir } from './temp-dir';

const scratch = useTempDir('netpol-input-limits-');

/** The InputLimitError loading `paths` (or `text` as standard input) fails with. */
async function limitError(paths: string[], options: LoadManifestsOptions & { text?: string } = {}): Promise<InputLimitError> {
  const stdin = options.text === undefined ? undefined : Readable.from([Buffer.from(options.text)]);
  const error = await loadManifests(paths, { ...options, stdin }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(InputLimitError);
  return error as InputLimitError;
}

/** One NetworkPolicy whose first rule anchors `peers` pod peers and whose `aliases` other rules refer to them. */
function aliasFanOut(peers: number, aliases: number): string {
  const lines = ['apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata: {name: fan-out, namespace: shop}', 'spec:', '  podSelector: {}', '  ingress:', '    - from: &peers'];
  for (let i = 0; i < peers; i++) {
    lines.push(`        - podSelector: {matchLabels: {app: a${i}}}`);
  }
  for (let i = 0; i < aliases; i++) {
    lines.push('    - from: *peers');
  }
  return lines.join('\n') + '\n';
}

function configMaps(count: number): string {
  return Array.from({ length: count }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\n`).join('---\n');
}

describe('the expanded YAML node count is bounded, aliases counted at every use', () => {
  test('a small file of many aliases to one large list is refused at the default limit', async () => {
    // 2,000 peers of 5 nodes each, used 600 times: about 6,000,000 nodes from 90 KB.
    const error = await limitError(['-'], { text: aliasFanOut(2000, 600) });
    expect(error.limit).toBe('maxYamlNodes');
    expect(error.message).toBe(
      `-: document 0: refused: the inputs expand to more than ${MAX_YAML_NODES} YAML nodes (an alias counts the nodes of its anchor at every use)`,
    );
  });

  test('the same file is read when the limit allows it, every alias expanded', async () => {
    const loaded = await loadManifests(['-'], { stdin: Readable.from([aliasFanOut(20, 5)]), maxYamlNodes: 1000 });
    const [policy] = loaded.objects;
    expect(policy.role).toBe('policy');
    expect((policy.raw.spec as { ingress: { from: unknown[] }[] }).ingress.map((rule) => rule.from.length)).toEqual([20, 20, 20, 20, 20, 20]);
  });

  test('an alias inside its own anchor (a value without end) is refused, not walked forever', async () => {
    const error = await limitError(['-'], { text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: &a [x, *a]\n', maxYamlNodes: 10_000 });
    expect(error.message).toMatch(/^-: document 0: refused: the inputs expand to more than 10000 YAML nodes/);
  });

  test('the count runs over all files of a run, and names the file that passes it', async () => {
    const first = path.join(scratch(), 'nodes-a.yaml');
    const second = path.join(scratch(), 'nodes-b.yaml');
    await fs.writeFile(first, configMaps(10));
    await fs.writeFile(second, configMaps(10));
    // A ConfigMap as written is 9 nodes: 3 keys, 3 values, the mapping and metadata's key and value.
    expect((await loadManifests([first], { maxYamlNodes: 100 })).objects).toHaveLength(10);
    const error = await limitError([first, second], { maxYamlNodes: 100 });
    expect(error.file).toBe(second);
  });
});

describe('the document count is bounded', () => {
  test('more documents than the limit are refused before they are parsed', async () => {
    const error = await limitError(['-'], { text: configMaps(11), maxDocuments: 10 });
    expect(error.limit).toBe('maxDocuments');
    expect(error.message).toBe('-: refused: the inputs hold more than 10 documents (List items included)');
    expect((await loadManifests(['-'], { stdin: Readable.from([configMaps(10)]), maxDocuments: 10 })).objects).toHaveLength(10);
  });

  test('List items count as documents', async () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [1, 2, 3].map((i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}` } })) };
    const error = await limitError(['-'], { text: JSON.stringify(list), maxDocuments: 2 });
    expect(error.limit).toBe('maxDocuments');
  });

  test('the count runs over all files of a run', async () => {
    const first = path.join(scratch(), 'documents-a.yaml');
    const second = path.join(scratch(), 'documents-b.yaml');
    await fs.writeFile(first, configMaps(3));
    await fs.writeFile(second, configMaps(3));
    const error = await limitError([first, second], { maxDocuments: 5 });
    expect(error.file).toBe(second);
  });

  test('the default is MAX_DOCUMENTS', () => {
    const text = '---\n'.repeat(MAX_DOCUMENTS + 1);
    expect(() => parseDocuments(text, 'many.yaml')).toThrow(`many.yaml: refused: the inputs hold more than ${MAX_DOCUMENTS} documents`);
  });
});

describe('every file is read through a size-limited read, whatever its stat says', () => {
  test('a /proc file that stat calls empty and that never ends is refused at the limit', async () => {
    // /proc/self/pagemap: size 0 on stat, 8 bytes for every page of the address space.
    const error = await limitError(['/proc/self/pagemap'], { maxBytes: 1024 * 1024 });
    expect(error.limit).toBe('maxBytes');
    expect(error.message).toBe('/proc/self/pagemap: larger than 1048576 bytes; manifests that large are refused');
  });

  test('a /proc file that stat calls empty is read to its end', async () => {
    const { objects } = await loadManifests(['/proc/self/status']);
    // Not a Kubernetes object, but read: `Name: node` and the rest as one YAML mapping.
    expect(objects).toHaveLength(1);
    expect(objects[0].role).toBe('skipped');
  });
});
