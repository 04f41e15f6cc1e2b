import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  ClusterNetworkPolicy,
  ClusterPolicyChart,
  DomainNames,
  IpRange,
  LabelExpression,
  Namespaces,
  Nodes,
  Peer,
  Port,
  Workload,
} from '../../lib';
import { platformChart, synthQuietly } from './synth-helpers';

const NS = 'kubernetes.io/metadata.name';
const everyNamespace = Namespaces.all();

describe('ClusterNetworkPolicy', () => {
  test('snapshot: every field the v1alpha2 schema has', () => {
    const chart = platformChart();
    new ClusterNetworkPolicy(chart, 'platform-guardrails', {
      tier: 'Admin',
      priority: 5,
      subject: Workload.select({ app: 'api' }, { namespaceLabels: { env: 'prod' }, expressions: [LabelExpression.exists('team')] }),
      ingress: [
        { name: 'allow-gateway', action: 'Accept', from: Workload.select({ app: 'gateway' }, { namespace: 'ingress' }), ports: [Port.tcp(8443), Port.named('http')] },
        { name: 'pass-same-tenant', action: 'Pass', from: Namespaces.withLabels({ tenant: 'blue' }) },
        { name: 'deny-rest', action: 'Deny', from: everyNamespace },
      ],
      egress: [
        { name: 'allow-registry', action: 'Accept', to: DomainNames.of('registry.example.com', '*.pkg.dev'), ports: [Port.tcp(443)] },
        { name: 'allow-kubelet', action: 'Accept', to: Nodes.withLabels({ 'node-role.kubernetes.io/worker': '' }), ports: [Port.tcp(10250)] },
        { name: 'deny-private', action: 'Deny', to: [IpRange.cidr('10.0.0.0/8'), IpRange.cidr('fd00::/8')], ports: [Port.udpRange(1000, 2000), Port.sctp(9), Port.allTcp()] },
      ],
    });
    const { objects, warnings } = synthQuietly(chart);
    expect(objects).toMatchSnapshot();
    expect(warnings).toMatchSnapshot();
  });

  test('no namespace in metadata, even in a plain Chart without one', () => {
    const chart = new Chart(Testing.app(), 'plain');
    new ClusterNetworkPolicy(chart, 'cnp', { tier: 'Baseline', priority: 1, subject: everyNamespace, ingress: [{ action: 'Deny', from: everyNamespace }] });
    expect(synthQuietly(chart).objects[0].metadata).toEqual({ name: 'cnp' });
  });

  test('a policy with no rules has neither ingress nor egress', () => {
    const chart = platformChart();
    new ClusterNetworkPolicy(chart, 'empty', { tier: 'Admin', priority: 1, subject: everyNamespace });
    expect(synthQuietly(chart).objects[0].spec).toEqual({ tier: 'Admin', priority: 1, subject: { namespaces: {} } });
  });

  test('addIngress and addEgress append with the lowest precedence', () => {
    const chart = platformChart();
    const policy = new ClusterNetworkPolicy(chart, 'p', { tier: 'Admin', priority: 1, subject: everyNamespace, ingress: [{ name: 'first', action: 'Pass', from: Namespaces.named('a') }] });
    policy.addIngress({ name: 'second', action: 'Deny', from: everyNamespace });
    policy.addEgress({ name: 'only', action: 'Deny', to: IpRange.cloudMetadata() });
    const spec = policy.toSpec();
    expect(spec.ingress?.map((rule) => rule.name)).toEqual(['first', 'second']);
    expect(spec.egress).toEqual([{ name: 'only', action: 'Deny', to: [{ networks: ['169.254.169.254/32'] }] }]);
    expect(synthQuietly(chart).objects[0].spec).toEqual(spec);
  });

  test('the subject: Workload.allIn is every pod of a namespace, a Workload in a namespace is pods', () => {
    const chart = platformChart();
    const a = new ClusterNetworkPolicy(chart, 'a', { tier: 'Admin', priority: 1, subject: Workload.allIn('shop') });
    const b = new ClusterNetworkPolicy(chart, 'b', { tier: 'Admin', priority: 2, subject: Workload.select({ app: 'db' }, { namespace: 'shop' }) });
    expect(a.toSpec().subject).toEqual({ namespaces: { matchLabels: { [NS]: 'shop' } } });
    expect(b.toSpec().subject).toEqual({ pods: { namespaceSelector: { matchLabels: { [NS]: 'shop' } }, podSelector: { matchLabels: { app: 'db' } } } });
  });

  test('a cdk8s-plus workload is a peer with its namespace; labels are read at synth', () => {
    const app = Testing.app();
    const apps = new Chart(app, 'apps', { namespace: 'monitoring' });
    const prometheus = new kplus.Deployment(apps, 'prometheus', { podMetadata: { labels: { app: 'prometheus' } }, containers: [{ image: 'prom/prometheus' }] });
    const chart = new ClusterPolicyChart(app, 'platform');
    new ClusterNetworkPolicy(chart, 'scrape', { tier: 'Admin', priority: 1, subject: everyNamespace, ingress: [{ action: 'Accept', from: prometheus, ports: [Port.tcp(9090)] }] });
    prometheus.podMetadata.addLabel('tier', 'observability');
    expect(synthQuietly(chart).objects[0].spec.ingress[0].from).toEqual([
      { pods: { namespaceSelector: { matchLabels: { [NS]: 'monitoring' } }, podSelector: { matchLabels: { app: 'prometheus', tier: 'observability' } } } },
    ]);
  });

  test('instanceof tells the admin tier constructs apart from other ApiObjects and charts', () => {
    const chart = platformChart();
    const policy = new ClusterNetworkPolicy(chart, 'p', { tier: 'Admin', priority: 1, subject: everyNamespace });
    const plain = new Chart(chart.node.root as App, 'plain');
    expect(policy instanceof ClusterNetworkPolicy).toBe(true);
    expect(plain instanceof ClusterPolicyChart).toBe(false);
    expect(chart instanceof ClusterPolicyChart).toBe(true);
  });
});

describe('the vocabulary as cluster peers', () => {
  test('Namespaces, excluding', () => {
    expect(Namespaces.named('a', 'b').excluding('kube-system', 'kube-public', 'kube-system').toClusterNetworkPolicyPeer()).toEqual({
      namespaces: {
        matchExpressions: [
          { key: NS, operator: 'In', values: ['a', 'b'] },
          { key: NS, operator: 'NotIn', values: ['kube-public', 'kube-system'] },
        ],
      },
    });
    expect(() => Namespaces.all().excluding()).toThrow('Namespaces.excluding: give at least one namespace name');
  });

  test('Nodes and DomainNames', () => {
    expect(Nodes.all().toClusterNetworkPolicyPeer()).toEqual({ nodes: {} });
    expect(Nodes.select({ expressions: [LabelExpression.doesNotExist('spot')] }).toClusterNetworkPolicyPeer()).toEqual({
      nodes: { matchExpressions: [{ key: 'spot', operator: 'DoesNotExist' }] },
    });
    expect(() => Nodes.withLabels({})).toThrow('Nodes.withLabels: labels must not be empty; use Nodes.all() for every node');
    expect(() => Nodes.select({})).toThrow('Nodes.select: give labels or expressions');
    expect(DomainNames.of('kubernetes.io').toClusterNetworkPolicyPeer()).toEqual({ domainNames: ['kubernetes.io'] });
    expect(() => DomainNames.of()).toThrow('DomainNames.of: give at least one domain name');
  });

  test('IpRange.cloudMetadata is the link-local instance metadata address', () => {
    expect(IpRange.cloudMetadata().toClusterNetworkPolicyPeer('x')).toEqual({ networks: ['169.254.169.254/32'] });
    expect(IpRange.cloudMetadata().toNetworkPolicyPeer()).toEqual({ ipBlock: { cidr: '169.254.169.254/32' } });
  });

  test.each([
    [Port.tcp(80), { tcp: { destinationPort: { number: 80 } } }],
    [Port.udp(53), { udp: { destinationPort: { number: 53 } } }],
    [Port.sctpRange(100, 200), { sctp: { destinationPort: { range: { start: 100, end: 200 } } } }],
    [Port.allUdp(), { udp: { destinationPort: { range: { start: 1, end: 65535 } } } }],
    [Port.named('http'), { destinationNamedPort: 'http' }],
  ])('Port %# as a protocols entry', (port, protocol) => {
    expect(port.toClusterNetworkPolicyProtocol('x')).toEqual(protocol);
  });
});

describe('refused at construction, with the construct path, the field and what would be valid', () => {
  const admin = { tier: 'Admin' as const, priority: 1, subject: everyNamespace };

  test('a chart with a namespace', () => {
    const chart = new Chart(Testing.app(), 'apps', { namespace: 'shop' });
    expect(() => new ClusterNetworkPolicy(chart, 'p', admin)).toThrow(
      'apps/p: a ClusterNetworkPolicy is cluster-scoped, but its chart has namespace "shop": define it in a ClusterPolicyChart (or a Chart without a namespace)',
    );
  });

  test('a ClusterPolicyChart given a namespace', () => {
    expect(() => new ClusterPolicyChart(Testing.app(), 'platform', { namespace: 'shop' } as never)).toThrow(
      'platform: a ClusterPolicyChart holds cluster-scoped policies and takes no namespace (got "shop"); put namespaced policies in a NamespacePolicyChart',
    );
  });

  test('a workload without a namespace', () => {
    expect(() => new ClusterNetworkPolicy(platformChart(), 'p', { ...admin, ingress: [{ action: 'Deny', from: [everyNamespace, Workload.select({ app: 'x' })] }] })).toThrow(
      'platform/p: ingress[0].from[1]: a ClusterNetworkPolicy is cluster-scoped, so a workload needs its namespace: give Workload.select(labels, { namespace }) or { namespaceLabels }',
    );
    expect(() => new ClusterNetworkPolicy(platformChart(), 'p', { ...admin, subject: Workload.all() })).toThrow('platform/p: subject: a ClusterNetworkPolicy is cluster-scoped');
  });

  test('an IpRange with excepts', () => {
    expect(() => new ClusterNetworkPolicy(platformChart(), 'p', { ...admin, egress: [{ action: 'Deny', to: IpRange.anyIpv4({ except: ['10.0.0.0/8'] }) }] })).toThrow(
      "platform/p: egress[0].to: IpRange 0.0.0.0/0 has excepts (10.0.0.0/8), but a ClusterNetworkPolicy's networks peer has no except",
    );
  });

  test.each([
    ['IpRange', IpRange.cloudMetadata(), 'networks'],
    ['Nodes', Nodes.all(), 'nodes'],
    ['DomainNames', DomainNames.of('example.com'), 'domainNames'],
  ])('an egress-only peer (%s) in an ingress rule', (_name, peer, kind) => {
    expect(() => new ClusterNetworkPolicy(platformChart(), 'p', { ...admin, ingress: [{ action: 'Deny', from: peer }] })).toThrow(
      `platform/p: ingress[0].from: a ${kind} peer is egress-only: a ClusterNetworkPolicy's ingress peers are namespaces and pods`,
    );
  });

  test('an egress-only peer added later', () => {
    const policy = new ClusterNetworkPolicy(platformChart(), 'p', admin);
    expect(() => policy.addIngress({ action: 'Deny', from: Nodes.all() })).toThrow('platform/p: ingress[0].from: a nodes peer is egress-only');
    expect(policy.toSpec().ingress).toBeUndefined();
  });

  test('a subject that is not namespaces or pods', () => {
    expect(() => new ClusterNetworkPolicy(platformChart(), 'p', { ...admin, subject: Nodes.all() as never })).toThrow(
      'platform/p: subject: a nodes peer cannot be a subject: give Namespaces or a Workload (the subject is namespaces or pods)',
    );
  });

  test('Peer.anywhere() and an empty peer list', () => {
    expect(() => new ClusterNetworkPolicy(platformChart(), 'p', { ...admin, egress: [{ action: 'Deny', to: Peer.anywhere() as never }] })).toThrow(
      '[platform/p] egress[0].to: Invalid value: an object of type Anywhere: must be Namespaces, a Workload with a namespace, IpRange, Nodes, DomainNames, an IClusterPeer or a cdk8s-plus workload (for every pod use Namespaces.all(), for every address IpRange.anyIpv4() and IpRange.anyIpv6())',
    );
    expect(() => new ClusterNetworkPolicy(platformChart(), 'p', { ...admin, egress: [{ action: 'Deny', to: [] }] })).toThrow(
      'platform/p: egress[0].to: give at least one peer; a ClusterNetworkPolicy rule needs one (the CRD requires minItems 1)',
    );
  });

  test('a named port with a protocol', () => {
    expect(() => new ClusterNetworkPolicy(platformChart(), 'p', { ...admin, ingress: [{ action: 'Accept', from: everyNamespace, ports: [Port.tcp(1), Port.named('dns', 'UDP')] }] })).toThrow(
      'platform/p: ingress[0].ports[1]: Port.named("dns", "UDP"): a ClusterNetworkPolicy\'s destinationNamedPort has no protocol (the container port\'s own protocol applies); give Port.named("dns")',
    );
  });
});
