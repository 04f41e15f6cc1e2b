import { Chart, Testing } from 'cdk8s';
import * as kplus28 from 'cdk8s-plus-28';
import * as kplus33 from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import { AllowFrom, AllowTo, NetworkPolicy, Port, Workload } from '../../lib';
import { productionChart, specOf } from './synth-helpers';

/**
 * Pods and peers take cdk8s-plus workloads of any line by their structure: the same tests run
 * with real cdk8s-plus-28 and cdk8s-plus-33 objects (no casts: both type-check as pods and peers).
 */
const podMetadata = { labels: { app: 'web' } };
const lines = [
  {
    line: 'cdk8s-plus-28',
    deployment: (scope: Construct, id: string) => new kplus28.Deployment(scope, id, { podMetadata, containers: [{ image: 'nginx', portNumber: 8080 }] }),
    all: (scope: Construct) => [
      new kplus28.StatefulSet(scope, 'sts', { podMetadata, containers: [{ image: 'nginx', portNumber: 80 }] }),
      new kplus28.DaemonSet(scope, 'ds', { podMetadata, containers: [{ image: 'nginx' }] }),
      new kplus28.Job(scope, 'job', { podMetadata, containers: [{ image: 'nginx' }] }),
      new kplus28.Pod(scope, 'pod', { metadata: podMetadata, containers: [{ image: 'nginx' }] }),
    ],
  },
  {
    line: 'cdk8s-plus-33',
    deployment: (scope: Construct, id: string) => new kplus33.Deployment(scope, id, { podMetadata, containers: [{ image: 'nginx', portNumber: 8080 }] }),
    all: (scope: Construct) => [
      new kplus33.StatefulSet(scope, 'sts', { podMetadata, containers: [{ image: 'nginx', portNumber: 80 }] }),
      new kplus33.DaemonSet(scope, 'ds', { podMetadata, containers: [{ image: 'nginx' }] }),
      new kplus33.Job(scope, 'job', { podMetadata, containers: [{ image: 'nginx' }] }),
      new kplus33.Pod(scope, 'pod', { metadata: podMetadata, containers: [{ image: 'nginx' }] }),
    ],
  },
];

describe.each(lines)('$line workloads', ({ deployment, all }) => {
  test('a Deployment as the pods and as a peer: its own labels, without the generated address label', () => {
    const chart = productionChart();
    const web = deployment(chart, 'web');
    new AllowFrom(chart, 'web-from-db', { pods: web, from: Workload.select({ app: 'db' }), ports: [Port.tcp(8080)] });
    new AllowTo(chart, 'db-to-web', { pods: Workload.select({ app: 'db' }), to: web, ports: [Port.tcp(8080)] });
    new NetworkPolicy(chart, 'whole', { pods: web, ingress: [{ from: web }], egress: [{ to: [web] }] });
    expect((specOf(chart, 'web-from-db') as { podSelector: unknown }).podSelector).toEqual({ matchLabels: { app: 'web' } });
    expect((specOf(chart, 'db-to-web') as { egress: unknown }).egress).toEqual([
      { to: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port: 8080 }] },
    ]);
    expect(specOf(chart, 'whole')).toEqual({
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }],
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'web' } } }] }],
    });
  });

  test('StatefulSet, DaemonSet, Job and Pod as peers', () => {
    const chart = productionChart();
    new AllowFrom(chart, 'from-all', { pods: Workload.select({ app: 'db' }), from: all(chart) });
    const from = (specOf(chart, 'from-all') as { ingress: Array<{ from: unknown[] }> }).ingress[0].from;
    expect(from).toEqual(Array(4).fill({ podSelector: { matchLabels: { app: 'web' } } }));
  });

  test('a Deployment in another namespace: one peer with both selectors; its construct id is the endpoint name', () => {
    const other = new Chart(Testing.app(), 'apps', { namespace: 'frontend' });
    const web = deployment(other, 'web');
    const workload = Workload.of(web);
    expect(workload.toNetworkPolicyPeer('production')).toEqual({
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'frontend' } },
      podSelector: { matchLabels: { app: 'web' } },
    });
    expect(web.name).toMatch(/^apps-web-[0-9a-f]{8}$/);
    expect(workload.declaredWorkloads('production')).toEqual([{ namespace: 'frontend', name: 'web', labels: { app: 'web' } }]);
  });
});

test('something that is neither a Workload, a Service nor a cdk8s-plus workload is refused as the pods, naming the construct', () => {
  const chart = productionChart();
  const configMap = new kplus33.ConfigMap(chart, 'config');
  expect(() => new AllowFrom(chart, 'x', { pods: configMap as never, from: Workload.all() })).toThrow(
    'production/x: pods: not pods: give a Workload (Workload.select, Workload.all, Workload.allIn), a Service (Service.select) or a cdk8s-plus Deployment, StatefulSet, DaemonSet, Job, Pod or Service; got an object of type ConfigMap',
  );
});
