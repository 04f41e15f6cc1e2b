import { Readable } from 'stream';
import { Analyzer } from '../../lib/analysis';
import { ClusterModelOptions, buildClusterModel, loadManifests } from '../../lib/manifests';
import { HOST_NETWORK_CAVEAT, endpointId } from '../../lib/model';

async function build(text: string, options: ClusterModelOptions = {}) {
  const loaded = await loadManifests(['-'], { stdin: Readable.from([Buffer.from(text)]) });
  return buildClusterModel(loaded.objects, options);
}

const TCP_80 = { port: 80, protocol: 'TCP' as const };
const endpoint = (id: string) => ({ kind: 'endpoint' as const, id });

/** Whether Kubernetes lets `from` reach `to` on TCP/80 as the analyzer sees it. */
function allows(model: Awaited<ReturnType<typeof build>>['model'], from: string, to: string): boolean {
  return new Analyzer(model).explain(endpoint(from), endpoint(to), TCP_80).allowed;
}

const denyIngress = (name: string, selector: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: a}\nspec: {podSelector: ${selector}, policyTypes: [Ingress]}\n---\n`;
const client = 'apiVersion: v1\nkind: Pod\nmetadata: {name: client, namespace: a}\n---\n';

function pod(name: string, owner: string, labels: string, extra = '') {
  const [kind, ownerName] = owner.split(' ');
  const apiVersion = kind === 'Job' ? 'batch/v1' : 'apps/v1';
  return (
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: a\n  labels: ${labels}\n` +
    `  ownerReferences: [{apiVersion: ${apiVersion}, kind: ${kind}, name: ${ownerName}, uid: u-${ownerName}, controller: true}]\n` +
    `spec: {containers: [{name: c, image: i}]${extra}}\n---\n`
  );
}

describe('pods grouped by workload', () => {
  test('a ReplicaSet whose owner is in the input groups its pods under the Deployment, with all their IPs', async () => {
    const text =
      'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: web-69c8ff664b, namespace: a, ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: d, controller: true}]}\n' +
      'spec: {template: {metadata: {labels: {app: web, pod-template-hash: 69c8ff664b}}}}\n---\n' +
      pod('web-69c8ff664b-x5bhp', 'ReplicaSet web-69c8ff664b', '{app: web, pod-template-hash: 69c8ff664b}').replace('spec:', 'status: {podIP: 10.0.0.1}\nspec:') +
      pod('web-69c8ff664b-q2wfk', 'ReplicaSet web-69c8ff664b', '{app: web, pod-template-hash: 69c8ff664b}').replace('spec:', 'status: {podIP: 10.0.0.2}\nspec:');
    const { model, findings } = await build(text);
    expect(model.endpoints).toEqual([
      expect.objectContaining({ name: 'web', kind: 'Deployment', ips: ['10.0.0.2', '10.0.0.1'], pods: ['web-69c8ff664b-q2wfk', 'web-69c8ff664b-x5bhp'] }),
    ]);
    expect(findings).toEqual([]);
  });

  test('--per-pod keeps the pods apart, each naming its workload', async () => {
    const text =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: a}\nspec: {template: {metadata: {labels: {app: web}}}}\n---\n' +
      'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: web-1, namespace: a, ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: d, controller: true}]}\n' +
      'spec: {template: {metadata: {labels: {app: web}}}}\n---\n' +
      pod('web-1-aaaaa', 'ReplicaSet web-1', '{app: web}') +
      pod('web-1-bbbbb', 'ReplicaSet web-1', '{app: web}');
    const { model } = await build(text, { perPod: true });
    expect(model.endpoints.map((entry) => [endpointId(entry), entry.kind, entry.workload])).toEqual([
      ['a/web-1-aaaaa', 'Pod', { kind: 'Deployment', name: 'web' }],
      ['a/web-1-bbbbb', 'Pod', { kind: 'Deployment', name: 'web' }],
    ]);
    // Grouped, the Deployment and its pods are one endpoint.
    expect((await build(text)).model.endpoints.map(endpointId)).toEqual(['a/web']);
  });

  test('without its ReplicaSet in the input a pod is grouped under the ReplicaSet: the Deployment name is not guessed', async () => {
    const { model } = await build(pod('cart-6b9f4c7d8-m4nzt', 'ReplicaSet cart-6b9f4c7d8', '{app: cart}'));
    expect(model.endpoints.map((entry) => [endpointId(entry), entry.kind])).toEqual([['a/cart-6b9f4c7d8', 'ReplicaSet']]);
  });

  test('a pod owned by a Node (a static pod mirror) stays a pod of its own', async () => {
    const mirror = (name: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: a, ownerReferences: [{apiVersion: v1, kind: Node, name: node-a, uid: n, controller: true}]}\n---\n`;
    const { model } = await build(mirror('etcd-node-a') + mirror('kube-apiserver-node-a'));
    expect(model.endpoints.map((entry) => [endpointId(entry), entry.kind])).toEqual([
      ['a/etcd-node-a', 'Pod'],
      ['a/kube-apiserver-node-a', 'Pod'],
    ]);
  });

  test('pods of one workload that differ on a label a policy reads are kept apart, with a warning', async () => {
    const pods = pod('web-1-aaaaa', 'ReplicaSet web-1', '{app: web, track: stable}') + pod('web-1-bbbbb', 'ReplicaSet web-1', '{app: web, track: canary}');
    const read = await build(denyIngress('deny-canary', '{matchLabels: {track: canary}}') + client + pods);
    expect(read.model.endpoints.map(endpointId)).toEqual(['a/client', 'a/web-1-aaaaa', 'a/web-1-bbbbb']);
    expect(read.endpointWarnings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: 'pods of ReplicaSet a/web-1 differ in what policies read (label track): analysed one pod at a time: web-1-aaaaa, web-1-bbbbb',
      }),
    ]);
    expect(allows(read.model, 'a/client', 'a/web-1-aaaaa')).toBe(true);
    expect(allows(read.model, 'a/client', 'a/web-1-bbbbb')).toBe(false);
    // No policy reads `track`: one endpoint, with the labels the pods share.
    const unread = await build(pods);
    expect(unread.model.endpoints).toEqual([expect.objectContaining({ name: 'web-1', labels: { app: 'web' } })]);
    expect(unread.endpointWarnings).toEqual([]);
  });

  test('pods of one workload that an ipBlock tells apart are kept apart', async () => {
    const policy =
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: from-one, namespace: a}\n' +
      'spec: {podSelector: {}, policyTypes: [Ingress], ingress: [{from: [{ipBlock: {cidr: 10.0.0.1/32}}]}]}\n---\n';
    const withIp = (name: string, ip: string) => pod(name, 'ReplicaSet web-1', '{app: web}').replace('spec:', `status: {podIP: ${ip}}\nspec:`);
    const { model, endpointWarnings } = await build(policy + withIp('web-1-aaaaa', '10.0.0.1') + withIp('web-1-bbbbb', '10.0.0.2'));
    expect(model.endpoints.map(endpointId)).toEqual(['a/web-1-aaaaa', 'a/web-1-bbbbb']);
    expect(endpointWarnings[0].message).toContain('(ipBlocks matched)');
  });
});

describe('the labels Kubernetes sets', () => {
  const job = 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate, namespace: a}\nspec: {template: {metadata: {labels: {app: db}}, spec: {containers: [{name: c, image: i}]}}}\n---\n';

  test('a Job template carries job-name and batch.kubernetes.io/job-name: a policy selecting either isolates it', async () => {
    for (const key of ['job-name', 'batch.kubernetes.io/job-name']) {
      const { model } = await build(denyIngress('deny-migrate', `{matchLabels: {${key}: migrate}}`) + client + job);
      expect(model.endpoints.find((entry) => entry.name === 'migrate')).toMatchObject({
        kind: 'Job',
        labels: { app: 'db', 'job-name': 'migrate', 'batch.kubernetes.io/job-name': 'migrate' },
        unknownLabels: ['batch.kubernetes.io/controller-uid', 'controller-uid'],
      });
      expect(allows(model, 'a/client', 'a/migrate')).toBe(false);
      expect(allows(model, 'a/migrate', 'a/client')).toBe(true);
    }
  });

  test('a Job with manualSelector gets no generated labels', async () => {
    const { model } = await build(job.replace('spec: {template', 'spec: {manualSelector: true, template'));
    expect(model.endpoints[0]).toMatchObject({ labels: { app: 'db' } });
    expect(model.endpoints[0].unknownLabels).toBeUndefined();
  });

  test('a policy selecting controller-uid on a template is a caveat, not a silent verdict', async () => {
    const { model } = await build(denyIngress('by-uid', '{matchExpressions: [{key: controller-uid, operator: Exists}]}') + job);
    expect(model.endpoints[0].caveats).toEqual([
      'label controller-uid: Kubernetes sets it on these pods with a value the input does not tell, and a/by-uid select(s) on it: the verdict may differ',
    ]);
  });

  test('a CronJob template: the job-name of its Jobs is not known, and a policy reading it is a caveat', async () => {
    const cronJob =
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: report, namespace: a}\n' +
      'spec: {schedule: "0 2 * * *", jobTemplate: {spec: {template: {metadata: {labels: {app: report}}, spec: {containers: [{name: c, image: i}]}}}}}\n---\n';
    const { model } = await build(denyIngress('by-job', '{matchLabels: {job-name: report}}') + cronJob);
    expect(model.endpoints[0]).toMatchObject({ kind: 'CronJob', labels: { app: 'report' } });
    expect(model.endpoints[0].unknownLabels).toEqual(['batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-name', 'controller-uid', 'job-name']);
    expect(model.endpoints[0].caveats).toEqual([expect.stringMatching(/^label job-name: .* a\/by-job select/)]);
  });

  test('a Deployment template: pod-template-hash is unknown, and a policy reading it is a caveat', async () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: a}\nspec: {template: {metadata: {labels: {app: web}}}}\n---\n';
    const { model } = await build(denyIngress('by-hash', '{matchLabels: {pod-template-hash: 69c8ff664b}}') + deployment);
    expect(model.endpoints[0]).toMatchObject({ labels: { app: 'web' }, unknownLabels: ['pod-template-hash'] });
    expect(model.endpoints[0].caveats).toHaveLength(1);
  });

  const statefulSet = (spec: string) =>
    `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web, namespace: a}\nspec: {${spec}template: {metadata: {labels: {app: web}}}}\n---\n`;

  test('a StatefulSet with replicas: 3 is web-0..web-2, and a policy isolating web-0 isolates only it', async () => {
    const { model } = await build(denyIngress('isolate-web-0', '{matchLabels: {statefulset.kubernetes.io/pod-name: web-0}}') + client + statefulSet('replicas: 3, '));
    expect(model.endpoints.map((entry) => [endpointId(entry), entry.labels['apps.kubernetes.io/pod-index'], entry.workload])).toEqual([
      ['a/client', undefined, undefined],
      ['a/web-0', '0', { kind: 'StatefulSet', name: 'web' }],
      ['a/web-1', '1', { kind: 'StatefulSet', name: 'web' }],
      ['a/web-2', '2', { kind: 'StatefulSet', name: 'web' }],
    ]);
    expect(allows(model, 'a/client', 'a/web-0')).toBe(false);
    expect(allows(model, 'a/client', 'a/web-1')).toBe(true);
    expect(model.endpoints[1].unknownLabels).toEqual(['controller-revision-hash']);
  });

  test('StatefulSet replicas default to 1 and ordinals start at spec.ordinals.start', async () => {
    expect((await build(statefulSet(''))).model.endpoints.map(endpointId)).toEqual(['a/web-0']);
    expect((await build(statefulSet('replicas: 2, ordinals: {start: 5}, '))).model.endpoints.map(endpointId)).toEqual(['a/web-5', 'a/web-6']);
  });

  test('a StatefulSet with replicas: 0 is one endpoint with a note, its per-pod labels unknown', async () => {
    const { model } = await build(statefulSet('replicas: 0, '));
    expect(model.endpoints).toEqual([
      expect.objectContaining({
        name: 'web',
        kind: 'StatefulSet',
        unknownLabels: ['apps.kubernetes.io/pod-index', 'controller-revision-hash', 'statefulset.kubernetes.io/pod-name'],
        caveats: ['StatefulSet: spec.replicas is 0; one endpoint stands for every replica and its per-pod labels are unknown'],
      }),
    ]);
  });

  test('StatefulSet pods in the input are one endpoint each, the StatefulSet not another', async () => {
    const set = statefulSet('replicas: 2, ');
    const pods = pod('web-0', 'StatefulSet web', '{app: web, statefulset.kubernetes.io/pod-name: web-0}') + pod('web-1', 'StatefulSet web', '{app: web, statefulset.kubernetes.io/pod-name: web-1}');
    const { model } = await build(set + pods);
    expect(model.endpoints.map((entry) => [endpointId(entry), entry.kind])).toEqual([
      ['a/web-0', 'Pod'],
      ['a/web-1', 'Pod'],
    ]);
  });

  test('a DaemonSet template: pod-template-generation from metadata.generation, the revision hash unknown', async () => {
    const daemonSet = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent, namespace: a, generation: 4}\nspec: {template: {metadata: {labels: {app: agent}}}}\n';
    const { model } = await build(daemonSet);
    expect(model.endpoints[0]).toMatchObject({ labels: { app: 'agent', 'pod-template-generation': '4' }, unknownLabels: ['controller-revision-hash'] });
  });
});

describe('hostNetwork', () => {
  test('a hostNetwork pod or template is marked, with the caveat on the endpoint', async () => {
    const { model } = await build(
      'apiVersion: v1\nkind: Pod\nmetadata: {name: agent, namespace: a}\nspec: {hostNetwork: true, containers: [{name: c, image: i}]}\n---\n' +
        'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: exporter, namespace: a}\nspec: {template: {spec: {hostNetwork: true}}}\n---\n' +
        client,
    );
    expect(model.endpoints.map((entry) => [endpointId(entry), entry.hostNetwork, entry.caveats])).toEqual([
      ['a/agent', true, [HOST_NETWORK_CAVEAT]],
      ['a/client', undefined, undefined],
      ['a/exporter', true, [HOST_NETWORK_CAVEAT]],
    ]);
  });

  test('hostNetwork must be a boolean: the pod is left out with an error', async () => {
    const { model, rejected } = await build('apiVersion: v1\nkind: Pod\nmetadata: {name: agent, namespace: a}\nspec: {hostNetwork: "yes"}\n');
    expect(model.endpoints).toEqual([]);
    expect(rejected.map(({ object, errors }) => [object.name, errors])).toEqual([
      ['agent', [{ severity: 'error', rule: 'api-decode', path: 'spec.hostNetwork', message: 'must be true or false, got a string ("yes")' }]],
    ]);
  });
});
