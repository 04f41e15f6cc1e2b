import * as path from 'path';
import { Readable } from 'stream';
import { buildClusterModel, loadManifests } from '../../lib/manifests';
import { endpointId } from '../../lib/model';

const ESTATE = path.join(__dirname, '..', 'fixtures', 'manifests', 'estate');

async function fromText(text: string, defaultNamespace = 'default') {
  const loaded = await loadManifests(['-'], { stdin: Readable.from([Buffer.from(text)]), defaultNamespace });
  return buildClusterModel(loaded.objects);
}

const policy = (name: string, namespace: string, spec = '{podSelector: {}}') =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec: ${spec}\n`;

describe('buildClusterModel', () => {
  test('the estate: namespaces declared and referenced, endpoints and policies, sorted', async () => {
    const { model, rejected } = await loadManifests([ESTATE]).then((loaded) => buildClusterModel(loaded.objects));
    expect(model.namespaces.map((namespace) => [namespace.name, namespace.labels])).toEqual([
      ['data', { 'kubernetes.io/metadata.name': 'data' }],
      ['default', { 'kubernetes.io/metadata.name': 'default' }],
      // Referenced by an ignored kind (Service) still exists.
      ['edge', { 'kubernetes.io/metadata.name': 'edge' }],
      ['ops', { 'kubernetes.io/metadata.name': 'ops' }],
      ['shop', { team: 'payments', 'kubernetes.io/metadata.name': 'shop' }],
    ]);
    expect(model.endpoints.map(endpointId)).toEqual(['data/db-0', 'default/debug', 'ops/agent', 'ops/once', 'ops/rc', 'ops/rs', 'shop/report', 'shop/web']);
    expect(model.policies.map((entry) => `${entry.policy.metadata.namespace}/${entry.policy.metadata.name}`)).toEqual([
      'default/allow-web',
      'shop/default-deny',
    ]);
    expect(rejected).toEqual([]);
  });

  test('a policy without a namespace enters the model in the default namespace, with a warning', async () => {
    const build = await fromText('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec: {podSelector: {}}\n', 'team-a');
    expect(build.model.policies.map((entry) => entry.policy.metadata)).toEqual([{ name: 'p', namespace: 'team-a' }]);
    expect(build.model.policies[0].source).toEqual({ file: '-', documentIndex: 0 });
    expect(build.findings).toEqual([
      {
        severity: 'warning',
        path: 'metadata.namespace',
        message: 'no namespace in file, assumed "team-a"',
        rule: 'namespace-unset',
        file: '-',
        documentIndex: 0,
        kind: 'NetworkPolicy',
        namespace: 'team-a',
        name: 'p',
      },
    ]);
  });

  test('a policy with validation errors stays out of the model and is listed as rejected with its errors', async () => {
    const build = await fromText(`${policy('good', 'a')}---\n${policy('bad', 'a', '{podSelector: {}, ingress: [{ports: [{port: 0}]}]}')}`);
    expect(build.model.policies.map((entry) => entry.policy.metadata.name)).toEqual(['good']);
    expect(build.rejected.map((rejection) => [rejection.object.name, rejection.errors.map((error) => error.path)])).toEqual([
      ['bad', ['spec.ingress[0].ports[0].port']],
    ]);
    expect(build.findings.map((finding) => [finding.name, finding.severity, finding.path])).toEqual([['bad', 'error', 'spec.ingress[0].ports[0].port']]);
  });

  test('a wrong apiVersion for a NetworkPolicy is rejected, not skipped', async () => {
    const build = await fromText(policy('old', 'a').replace('networking.k8s.io/v1', 'extensions/v1beta1'));
    expect(build.rejected.map((rejection) => rejection.errors.map((error) => error.path))).toEqual([['apiVersion']]);
  });

  test('two policies with one name: the last is analysed and the repeat is an error', async () => {
    const build = await fromText(`${policy('p', 'a')}---\n${policy('p', 'a', '{podSelector: {matchLabels: {x: z}}}')}`);
    expect(build.model.policies.map((entry) => entry.policy.spec.podSelector)).toEqual([{ matchLabels: { x: 'z' } }]);
    expect(build.findings.map((finding) => [finding.documentIndex, finding.severity, finding.path])).toEqual([[1, 'error', 'metadata.name']]);
  });

  test('two workloads with one namespace/name: the last is the endpoint, with a warning', async () => {
    const workload = (kind: string, app: string) =>
      `apiVersion: apps/v1\nkind: ${kind}\nmetadata: {name: web, namespace: a}\nspec: {template: {metadata: {labels: {app: ${app}}}}}\n`;
    const build = await fromText(`${workload('Deployment', 'one')}---\n${workload('DaemonSet', 'two')}`);
    // The DaemonSet's controller-revision-hash and pod-template-generation are not in the input.
    expect(build.model.endpoints.map((endpoint) => [endpoint.kind, endpoint.labels, endpoint.unknownLabels])).toEqual([
      ['DaemonSet', { app: 'two' }, ['controller-revision-hash', 'pod-template-generation']],
    ]);
    expect(build.findings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        kind: 'DaemonSet',
        documentIndex: 1,
        message: 'replaces Deployment a/web from - (document 0): only the last object named a/web is analysed',
      }),
    ]);
  });

  test('findings come in object order', async () => {
    const build = await fromText(
      `${policy('late', 'a', '{podSelector: {}, policyTypes: [Sideways]}')}---\n` +
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n---\n' +
        `${policy('late', 'a')}`,
    );
    expect(build.findings.map((finding) => `${finding.documentIndex} ${finding.kind} ${finding.path}`)).toEqual([
      '0 NetworkPolicy spec.policyTypes[0]',
      '1 Pod metadata.namespace',
    ]);
  });
});
