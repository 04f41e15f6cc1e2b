import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AllowFrom, IpRange, Namespaces, Port, Workload } from '../../lib';
import { productionChart, specOf } from './synth-helpers';

const NS = 'kubernetes.io/metadata.name';

describe('Workload', () => {
  test('in the policy namespace: a pod selector alone', () => {
    expect(Workload.select({ app: 'web' }).toNetworkPolicyPeer('production')).toEqual({ podSelector: { matchLabels: { app: 'web' } } });
    expect(Workload.select({ app: 'web' }, { namespace: 'production' }).toNetworkPolicyPeer('production')).toEqual({
      podSelector: { matchLabels: { app: 'web' } },
    });
  });

  test('elsewhere: ONE peer with both selectors, by metadata.name and never the name label', () => {
    const peer = Workload.select({ app: 'prometheus' }, { namespace: 'monitoring' }).toNetworkPolicyPeer('production');
    expect(peer).toEqual({ namespaceSelector: { matchLabels: { [NS]: 'monitoring' } }, podSelector: { matchLabels: { app: 'prometheus' } } });
  });

  test('allIn: the namespace selector alone; all(): every pod of the policy namespace', () => {
    expect(Workload.allIn('monitoring').toNetworkPolicyPeer('production')).toEqual({ namespaceSelector: { matchLabels: { [NS]: 'monitoring' } } });
    expect(Workload.allIn('production').toNetworkPolicyPeer('production')).toEqual({ podSelector: {} });
    expect(Workload.all().toNetworkPolicyPeer('production')).toEqual({ podSelector: {} });
  });

  test('endpoint names: label values by sorted key joined with "-", or the name option', () => {
    expect(Workload.select({ tier: 'frontend', app: 'web' }).declaredWorkloads('shop')).toEqual([
      { namespace: 'shop', name: 'web-frontend', labels: { tier: 'frontend', app: 'web' } },
    ]);
    expect(Workload.select({ app: 'web' }, { name: 'storefront', namespace: 'x' }).declaredWorkloads('shop')).toEqual([
      { namespace: 'x', name: 'storefront', labels: { app: 'web' } },
    ]);
    expect(Workload.allIn('x').declaredWorkloads('shop')).toEqual([]);
  });

  test('the labels given are copied, so later changes to the object do not leak in', () => {
    const labels = { app: 'web' };
    const workload = Workload.select(labels);
    labels.app = 'changed';
    expect(workload.labels).toEqual({ app: 'web' });
  });
});

describe('cdk8s-plus-28 workloads as peers and targets', () => {
  const podMetadata = { labels: { app: 'web' } };
  const containers = [{ image: 'nginx', portNumber: 8080 }];
  test.each([
    ['Deployment', (scope: Construct) => new kplus.Deployment(scope, 'web', { podMetadata, containers })],
    ['StatefulSet', (scope: Construct) => new kplus.StatefulSet(scope, 'web', { podMetadata, containers })],
    ['DaemonSet', (scope: Construct) => new kplus.DaemonSet(scope, 'web', { podMetadata, containers })],
    ['Job', (scope: Construct) => new kplus.Job(scope, 'web', { podMetadata, containers })],
    ['Pod', (scope: Construct) => new kplus.Pod(scope, 'web', { metadata: podMetadata, containers })],
  ])('%s: its pod labels without the generated address label', (_kind, create) => {
    const chart = productionChart();
    new AllowFrom(chart, 'allow-web', { pods: Workload.select({ app: 'postgres' }), from: create(chart), ports: [Port.tcp(5432)] });
    const spec = specOf(chart, 'allow-web') as { ingress: unknown[] };
    expect(spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port: 5432 }] }]);
  });

  test('as the pods of a policy', () => {
    const chart = productionChart();
    const web = new kplus.Deployment(chart, 'web', { podMetadata, containers });
    new AllowFrom(chart, 'web-from-all', { pods: web, from: Namespaces.all() });
    expect((specOf(chart, 'web-from-all') as { podSelector: unknown }).podSelector).toEqual({ matchLabels: { app: 'web' } });
  });

  test('a Deployment in another namespace becomes one peer with both selectors; its construct id is the endpoint name', () => {
    const frontend = new Chart(Testing.app(), 'apps', { namespace: 'frontend' });
    const apps = new kplus.Deployment(frontend, 'web', {
      podMetadata: { labels: { app: 'web' } },
      containers: [{ image: 'nginx' }],
    });
    const workload = Workload.of(apps);
    expect(workload.toNetworkPolicyPeer('production')).toEqual({
      namespaceSelector: { matchLabels: { [NS]: 'frontend' } },
      podSelector: { matchLabels: { app: 'web' } },
    });
    expect(workload.declaredWorkloads('production')).toEqual([{ namespace: 'frontend', name: 'web', labels: { app: 'web' } }]);
  });

  test('labels are read at synth, so labels added after the policy count', () => {
    const chart = productionChart();
    const pod = new kplus.Pod(chart, 'tool', { containers: [{ image: 'busybox' }] });
    new AllowFrom(chart, 'allow-tool', { pods: Workload.select({ app: 'postgres' }), from: pod });
    pod.metadata.addLabel('app', 'tool');
    const spec = specOf(chart, 'allow-tool') as { ingress: Array<{ from: unknown[] }> };
    expect(spec.ingress[0].from).toEqual([{ podSelector: { matchLabels: { app: 'tool' } } }]);
  });

  test('a workload without labels of its own is selected by the cdk8s address label', () => {
    const chart = productionChart();
    const job = new kplus.Job(chart, 'migrate', { containers: [{ image: 'migrate' }] });
    const labels = Workload.of(job).labels;
    expect(Object.keys(labels)).toEqual([kplus.Pod.ADDRESS_LABEL]);
  });
});

describe('Namespaces and IpRange', () => {
  test('Namespaces.named: one name in matchLabels, several as a sorted In expression', () => {
    expect(Namespaces.named('monitoring').toNetworkPolicyPeer()).toEqual({ namespaceSelector: { matchLabels: { [NS]: 'monitoring' } } });
    expect(Namespaces.named('b', 'a', 'b').toNetworkPolicyPeer()).toEqual({
      namespaceSelector: { matchExpressions: [{ key: NS, operator: 'In', values: ['a', 'b'] }] },
    });
  });

  test('Namespaces.withLabels and all', () => {
    expect(Namespaces.withLabels({ team: 'data' }).toNetworkPolicyPeer()).toEqual({ namespaceSelector: { matchLabels: { team: 'data' } } });
    expect(Namespaces.all().toNetworkPolicyPeer()).toEqual({ namespaceSelector: {} });
  });

  test('IpRange: cidr with excepts, single addresses, any', () => {
    expect(IpRange.cidr('10.0.0.0/8', { except: ['10.1.0.0/16'] }).toNetworkPolicyPeer()).toEqual({
      ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] },
    });
    expect(IpRange.address('10.0.0.1').toNetworkPolicyPeer()).toEqual({ ipBlock: { cidr: '10.0.0.1/32' } });
    expect(IpRange.address('fd00::1').toNetworkPolicyPeer()).toEqual({ ipBlock: { cidr: 'fd00::1/128' } });
    expect(IpRange.addressOrCidr('192.168.0.0/24').toNetworkPolicyPeer()).toEqual({ ipBlock: { cidr: '192.168.0.0/24' } });
    expect(IpRange.anyIpv6().toNetworkPolicyPeer()).toEqual({ ipBlock: { cidr: '::/0' } });
  });
});

describe('AND versus OR', () => {
  test('several peers in one rule are an OR: one rule, one peer each', () => {
    const chart = productionChart();
    new AllowFrom(chart, 'db-from-clients', {
      pods: Workload.select({ app: 'postgres' }),
      from: [Workload.select({ app: 'api' }), Namespaces.named('batch'), IpRange.cidr('10.8.0.0/16')],
      ports: [Port.tcp(5432)],
    });
    expect(specOf(chart, 'db-from-clients')).toEqual({
      podSelector: { matchLabels: { app: 'postgres' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            { podSelector: { matchLabels: { app: 'api' } } },
            { namespaceSelector: { matchLabels: { [NS]: 'batch' } } },
            { ipBlock: { cidr: '10.8.0.0/16' } },
          ],
          ports: [{ protocol: 'TCP', port: 5432 }],
        },
      ],
    });
  });

  test('a workload in another namespace is an AND in one peer, not two peers', () => {
    const chart = productionChart();
    new AllowFrom(chart, 'x', { pods: Workload.select({ app: 'db' }), from: Workload.select({ app: 'etl' }, { namespace: 'batch' }) });
    const spec = specOf(chart, 'x') as { ingress: Array<{ from: unknown[]; ports?: unknown }> };
    expect(spec.ingress[0].from).toHaveLength(1);
    expect(spec.ingress[0].from[0]).toEqual({ namespaceSelector: { matchLabels: { [NS]: 'batch' } }, podSelector: { matchLabels: { app: 'etl' } } });
    expect(spec.ingress[0].ports).toBeUndefined();
  });
});
