import { Readable } from 'stream';
import { buildClusterModel, loadManifests } from '../../lib/manifests';
import { checkManifestSet, loadAnalysisModel, requireAnalysisModel } from '../../lib/workflows';

async function objectsOf(text: string) {
  return (await loadManifests(['-'], { stdin: Readable.from([Buffer.from(text)]) })).objects;
}

const object = (apiVersion: string, kind: string, metadata = '{name: p}') => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: ${metadata}\nspec: {}\n---\n`;

describe('policies of kinds the analysis does not evaluate', () => {
  // Group and kind as the upstream sources register them (lib/manifests/unevaluated-policy-kinds.ts).
  test.each([
    ['cilium.io/v2', 'CiliumNetworkPolicy', 'default'],
    ['cilium.io/v2', 'CiliumClusterwideNetworkPolicy', undefined],
    ['projectcalico.org/v3', 'NetworkPolicy', 'default'],
    ['projectcalico.org/v3', 'GlobalNetworkPolicy', undefined],
    ['crd.projectcalico.org/v1', 'NetworkPolicy', 'default'],
    ['crd.projectcalico.org/v1', 'GlobalNetworkPolicy', undefined],
    // Calico's staged policies in its own model: previews, which --staged cannot evaluate either.
    ['projectcalico.org/v3', 'StagedNetworkPolicy', 'default'],
    ['projectcalico.org/v3', 'StagedGlobalNetworkPolicy', undefined],
    ['crd.projectcalico.org/v1', 'StagedNetworkPolicy', 'default'],
    ['crd.projectcalico.org/v1', 'StagedGlobalNetworkPolicy', undefined],
    ['k8s.cni.cncf.io/v1beta1', 'MultiNetworkPolicy', 'default'],
    ['k8s.cni.cncf.io/v1beta2', 'MultiNetworkPolicy', 'default'],
  ])('%s %s is not evaluated, named in a warning', async (apiVersion, kind, namespace) => {
    const build = buildClusterModel(await objectsOf(object(apiVersion, kind)));
    expect(build.notEvaluated.map((entry) => [entry.kind, entry.namespace, entry.name])).toEqual([[kind, namespace, 'p']]);
    expect(build.model.policies).toEqual([]);
    const notEvaluated = build.verdictFindings.filter((finding) => finding.message.startsWith('not evaluated'));
    expect(notEvaluated).toEqual([expect.objectContaining({ severity: 'warning', file: '-', kind, name: 'p', namespace })]);
    expect(notEvaluated[0].message).toMatch(new RegExp(`^not evaluated: ${kind} is enforced by .+, and the verdicts do not include it$`));
  });

  test('kinds of the same name in other groups are other objects', async () => {
    const build = buildClusterModel(
      await objectsOf(object('example.com/v1', 'AdminNetworkPolicy') + object('example.com/v1', 'StagedNetworkPolicy', '{name: s, namespace: a}')),
    );
    expect(build.notEvaluated).toEqual([]);
    expect(build.findings).toEqual([]);
  });
});

describe('invalid objects are left out, not fatal', () => {
  test('a StatefulSet whose replicas is not a number is left out with an error; the rest is the model', async () => {
    const text =
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db, namespace: a}\nspec: {replicas: "3", template: {metadata: {labels: {app: db}}}}\n---\n' +
      'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: a, labels: {app: web}}\n';
    const load = loadAnalysisModel(await objectsOf(text));
    expect(load.model.endpoints.map((endpoint) => endpoint.name)).toEqual(['web']);
    expect(load.leftOut.map(({ object, errors }) => [object.kind, object.name, errors.map((error) => `${error.path}: ${error.message}`)])).toEqual([
      ['StatefulSet', 'db', ['spec.replicas: must be a non-negative integer, got a string ("3")']],
    ]);
    expect(load.verdictFindings).toEqual([expect.objectContaining({ severity: 'error', kind: 'StatefulSet', namespace: 'a', name: 'db', path: 'spec.replicas' })]);
    expect(() => requireAnalysisModel(load)).toThrow('cannot analyse invalid objects:\n-: StatefulSet a/db: spec.replicas: must be a non-negative integer, got a string ("3")');
  });

  test('a pod with a malformed ownerReference is one error naming the field; the other pod is analysed', async () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a, ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, controller: true}]}\n---\n' +
      'apiVersion: v1\nkind: Pod\nmetadata: {name: q, namespace: a}\n';
    const findings = checkManifestSet(await objectsOf(text));
    expect(findings).toEqual([
      { severity: 'error', rule: 'api-decode', file: '-', documentIndex: 0, kind: 'Pod', namespace: 'a', name: 'p', path: 'metadata.ownerReferences[0].name', message: 'required' },
    ]);
    expect(loadAnalysisModel(await objectsOf(text)).model.endpoints.map((endpoint) => endpoint.name)).toEqual(['q']);
  });

  test('an invalid object without a namespace of a namespaced kind is placed in the default one', async () => {
    const load = loadAnalysisModel(await objectsOf('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {hostNetwork: 1}\n'));
    expect(load.leftOut.map(({ object }) => [object.role, object.namespace, object.name])).toEqual([['invalid', 'default', 'p']]);
  });
});
