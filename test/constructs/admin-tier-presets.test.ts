import {
  AdminAllowFrom,
  AdminDenyEgressTo,
  AdminPassTo,
  BaselineAllowDns,
  BaselineDefaultDeny,
  DnsProvider,
  IpRange,
  Namespaces,
  Port,
  Workload,
} from '../../lib';
import { platformChart, synthQuietly } from './synth-helpers';

const NS = 'kubernetes.io/metadata.name';
const prometheus = Workload.select({ 'app.kubernetes.io/name': 'prometheus' }, { namespace: 'monitoring' });

describe('BaselineDefaultDeny', () => {
  test('snapshot: both directions, every namespace but kube-system, the last baseline priority', () => {
    const chart = platformChart();
    new BaselineDefaultDeny(chart, 'baseline-default-deny');
    expect(synthQuietly(chart).objects).toMatchSnapshot();
  });

  test.each([
    ['ingress', ['ingress'], [{ name: 'default-deny-ingress', action: 'Deny', from: [{ namespaces: {} }] }]],
    ['egress', ['egress'], [{ name: 'default-deny-egress', action: 'Deny', to: [{ namespaces: {} }, { networks: ['0.0.0.0/0', '::/0'] }] }]],
  ] as const)('direction %s writes only that direction', (direction, fields, rules) => {
    const chart = platformChart();
    new BaselineDefaultDeny(chart, 'deny', { direction });
    const { spec } = synthQuietly(chart).objects[0];
    expect(Object.keys(spec).filter((field) => field === 'ingress' || field === 'egress')).toEqual(fields);
    expect(spec[fields[0]]).toEqual(rules);
  });

  test('a selection of namespaces still leaves kube-system out', () => {
    const chart = platformChart();
    new BaselineDefaultDeny(chart, 'deny-teams', { namespaces: Namespaces.withLabels({ team: 'shop' }), direction: 'ingress' });
    expect(synthQuietly(chart).objects[0].spec.subject).toEqual({
      namespaces: { matchLabels: { team: 'shop' }, matchExpressions: [{ key: NS, operator: 'NotIn', values: ['kube-system'] }] },
    });
  });

  test('includeKubeSystem takes the selection as given', () => {
    const chart = platformChart();
    new BaselineDefaultDeny(chart, 'deny-all', { includeKubeSystem: true, priority: 999 });
    const { spec } = synthQuietly(chart).objects[0];
    expect(spec.subject).toEqual({ namespaces: {} });
    expect(spec.priority).toBe(999);
  });
});

describe('BaselineAllowDns', () => {
  test('snapshot: CoreDNS for every namespace', () => {
    const chart = platformChart();
    new BaselineAllowDns(chart, 'baseline-allow-dns', { priority: 900 });
    expect(synthQuietly(chart).objects).toMatchSnapshot();
  });

  test('NodeLocal DNSCache: its address as a networks peer, then the CoreDNS pods', () => {
    const chart = platformChart();
    new BaselineAllowDns(chart, 'dns', { priority: 900, provider: DnsProvider.nodeLocal(), namespaces: Namespaces.named('shop') });
    const { spec } = synthQuietly(chart).objects[0];
    expect(spec.subject).toEqual({ namespaces: { matchLabels: { [NS]: 'shop' } } });
    expect(spec.egress[0].to).toEqual([
      { networks: ['169.254.20.10/32'] },
      { pods: { namespaceSelector: { matchLabels: { [NS]: 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } } },
    ]);
  });

  test('a custom provider peer with no cluster form is refused by name', () => {
    const chart = platformChart();
    const custom = { toNetworkPolicyPeer: () => ({ podSelector: {} }), declaredWorkloads: () => [] };
    expect(() => new BaselineAllowDns(chart, 'dns', { priority: 900, provider: DnsProvider.custom({ peers: custom }) })).toThrow(
      'platform/dns: egress[0].to[0]: not a ClusterNetworkPolicy peer: give Namespaces, a Workload with a namespace, IpRange, Nodes, DomainNames',
    );
  });
});

describe('AdminDenyEgressTo', () => {
  test('snapshot: the cloud metadata address for every pod', () => {
    const chart = platformChart();
    new AdminDenyEgressTo(chart, 'deny-cloud-metadata', { priority: 10, to: IpRange.cloudMetadata() });
    expect(synthQuietly(chart).objects).toMatchSnapshot();
  });

  test('several address peers become one networks peer; ports and subject as given', () => {
    const chart = platformChart();
    new AdminDenyEgressTo(chart, 'deny', {
      priority: 10,
      to: [IpRange.cloudMetadata(), IpRange.address('fd00:ec2::254'), Namespaces.named('vault')],
      ports: [Port.tcp(80)],
      subject: Namespaces.withLabels({ tier: 'untrusted' }),
    });
    const { spec } = synthQuietly(chart).objects[0];
    expect(spec.subject).toEqual({ namespaces: { matchLabels: { tier: 'untrusted' } } });
    expect(spec.egress).toEqual([
      {
        name: 'deny-egress',
        action: 'Deny',
        to: [{ networks: ['169.254.169.254/32', 'fd00:ec2::254/128'] }, { namespaces: { matchLabels: { [NS]: 'vault' } } }],
        protocols: [{ tcp: { destinationPort: { number: 80 } } }],
      },
    ]);
  });
});

describe('AdminAllowFrom', () => {
  test('snapshot: monitoring scrapes every pod on 9090', () => {
    const chart = platformChart();
    new AdminAllowFrom(chart, 'allow-monitoring-scrape', { priority: 20, from: prometheus, ports: [Port.tcp(9090)] });
    expect(synthQuietly(chart).objects).toMatchSnapshot();
  });

  test('a named metrics port is a destinationNamedPort', () => {
    const chart = platformChart();
    new AdminAllowFrom(chart, 'scrape', { priority: 20, from: prometheus, ports: [Port.named('metrics')] });
    expect(synthQuietly(chart).objects[0].spec.ingress[0].protocols).toEqual([{ destinationNamedPort: 'metrics' }]);
  });
});

describe('AdminPassTo', () => {
  test('snapshot: tenant traffic delegated to the namespace owners, both directions', () => {
    const chart = platformChart();
    const tenant = Namespaces.withLabels({ tenant: 'blue' });
    new AdminPassTo(chart, 'pass-tenant-traffic', { priority: 50, subject: tenant, from: tenant, to: tenant });
    expect(synthQuietly(chart).objects).toMatchSnapshot();
  });

  test('egress only', () => {
    const chart = platformChart();
    new AdminPassTo(chart, 'pass-db', { priority: 50, to: Workload.select({ app: 'postgres' }, { namespace: 'data' }), ports: [Port.tcp(5432)] });
    const { spec } = synthQuietly(chart).objects[0];
    expect(spec.ingress).toBeUndefined();
    expect(spec.egress[0].action).toBe('Pass');
  });

  test('refuses a pass of nothing', () => {
    expect(() => new AdminPassTo(platformChart(), 'pass', { priority: 50 })).toThrow('platform/pass: give from (ingress to pass), to (egress to pass) or both');
  });
});

test('the platform of the issue: every preset in one chart synthesizes without warnings', () => {
  const chart = platformChart();
  new BaselineDefaultDeny(chart, 'baseline-default-deny');
  new BaselineAllowDns(chart, 'baseline-allow-dns', { priority: 900 });
  new AdminDenyEgressTo(chart, 'deny-cloud-metadata', { priority: 10, to: IpRange.cloudMetadata() });
  new AdminAllowFrom(chart, 'allow-monitoring-scrape', { priority: 20, from: prometheus, ports: [Port.tcp(9090)] });
  new AdminPassTo(chart, 'pass-kube-system', { priority: 30, to: Namespaces.named('kube-system') });
  const { objects, warnings } = synthQuietly(chart);
  expect(objects.map((object) => [object.metadata.name, object.spec.tier, object.spec.priority])).toEqual([
    ['baseline-default-deny', 'Baseline', 1000],
    ['baseline-allow-dns', 'Baseline', 900],
    ['deny-cloud-metadata', 'Admin', 10],
    ['allow-monitoring-scrape', 'Admin', 20],
    ['pass-kube-system', 'Admin', 30],
  ]);
  expect(objects.every((object) => object.metadata.namespace === undefined)).toBe(true);
  expect(warnings).toEqual([]);
});
