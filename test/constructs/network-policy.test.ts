import { Testing } from 'cdk8s';
import { AllowDns, DnsProvider, IpRange, NetworkPolicy, Namespaces, Peer, Port, Workload } from '../../lib';
import { productionChart, specOf } from './synth-helpers';

const api = Workload.select({ app: 'api-server' });
const frontend = Workload.select({ app: 'frontend' });
const postgres = Workload.select({ app: 'postgres' });
const KUBE_DNS_PEER = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
};
const DNS_PORTS = [
  { protocol: 'UDP', port: 53 },
  { protocol: 'TCP', port: 53 },
];

describe('NetworkPolicy', () => {
  test("snapshot: the incident's api-server allow-list is ONE object with policyTypes [Ingress, Egress]", () => {
    const chart = productionChart();
    new NetworkPolicy(chart, 'api-server', {
      pods: api,
      ingress: [{ from: frontend, ports: [Port.tcp(8080)] }],
      egress: [DnsProvider.coreDns().egressRule(), { to: postgres, ports: [Port.tcp(5432)] }],
    });
    const objects = Testing.synth(chart);
    expect(objects).toHaveLength(1);
    expect(objects[0].spec).toEqual({
      podSelector: { matchLabels: { app: 'api-server' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
      egress: [
        { to: [KUBE_DNS_PEER], ports: DNS_PORTS },
        { to: [{ podSelector: { matchLabels: { app: 'postgres' } } }], ports: [{ protocol: 'TCP', port: 5432 }] },
      ],
    });
    expect(objects).toMatchSnapshot();
  });

  test('DnsProvider.egressRule() is the rule AllowDns writes', () => {
    const chart = productionChart();
    new AllowDns(chart, 'allow-dns', { provider: DnsProvider.nodeLocal() });
    new NetworkPolicy(chart, 'dns-only', { egress: [DnsProvider.nodeLocal().egressRule()] });
    expect((specOf(chart, 'dns-only') as { egress: unknown }).egress).toEqual((specOf(chart, 'allow-dns') as { egress: unknown }).egress);
  });

  test('snapshot: addIngress with Peer.anywhere() is a rule without from; alone, `ingress: [{}]`', () => {
    const chart = productionChart();
    const policy = new NetworkPolicy(chart, 'public-api', { pods: api });
    policy.addIngress({ from: Peer.anywhere(), ports: [Port.tcp(443)] });
    new NetworkPolicy(chart, 'open-to-all', { pods: frontend, ingress: [{ from: Peer.anywhere() }] });
    new NetworkPolicy(chart, 'no-from', { pods: frontend, ingress: [{ ports: [Port.tcp(80)] }] });
    expect(specOf(chart, 'public-api')).toEqual({
      podSelector: { matchLabels: { app: 'api-server' } },
      policyTypes: ['Ingress'],
      ingress: [{ ports: [{ protocol: 'TCP', port: 443 }] }],
    });
    expect((specOf(chart, 'open-to-all') as { ingress: unknown }).ingress).toEqual([{}]);
    expect((specOf(chart, 'no-from') as { ingress: unknown }).ingress).toEqual([{ ports: [{ protocol: 'TCP', port: 80 }] }]);
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('addEgress after construction adds Egress to policyTypes; rules keep their order', () => {
    const chart = productionChart();
    const policy = new NetworkPolicy(chart, 'api', { pods: api, ingress: [{ from: frontend }] });
    policy.addEgress({ to: postgres, ports: [Port.tcp(5432)] });
    policy.addEgress({ to: IpRange.cidr('203.0.113.0/24') });
    const spec = specOf(chart, 'api') as { policyTypes: string[]; egress: unknown[] };
    expect(spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(spec.egress).toEqual([
      { to: [{ podSelector: { matchLabels: { app: 'postgres' } } }], ports: [{ protocol: 'TCP', port: 5432 }] },
      { to: [{ ipBlock: { cidr: '203.0.113.0/24' } }] },
    ]);
  });

  test("direction forces a deny-only direction: ingress rules with direction 'both' deny all egress", () => {
    const chart = productionChart();
    new NetworkPolicy(chart, 'ingress-only-talker', { pods: api, ingress: [{ from: frontend }], direction: 'both' });
    new NetworkPolicy(chart, 'deny-egress', { pods: api, direction: 'egress' });
    expect(specOf(chart, 'ingress-only-talker')).toEqual({
      podSelector: { matchLabels: { app: 'api-server' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }] }],
    });
    expect(specOf(chart, 'deny-egress')).toEqual({ podSelector: { matchLabels: { app: 'api-server' } }, policyTypes: ['Egress'] });
  });

  test('no rules and no direction: ingress is isolated, as the API server defaults it, written out', () => {
    const chart = productionChart();
    new NetworkPolicy(chart, 'bare', { pods: api });
    expect(specOf(chart, 'bare')).toEqual({ podSelector: { matchLabels: { app: 'api-server' } }, policyTypes: ['Ingress'] });
  });

  describe('refuses, naming the construct and the field', () => {
    test('rules of a direction the policy does not isolate', () => {
      const chart = productionChart();
      expect(() => new NetworkPolicy(chart, 'x', { egress: [{ to: postgres }], direction: 'ingress' })).toThrow(
        "production/x: egress: the policy's direction is 'ingress', so egress rules would not apply; set direction to 'both' or leave it out",
      );
      const policy = new NetworkPolicy(chart, 'y', { direction: 'egress' });
      expect(() => policy.addIngress({ from: frontend })).toThrow("production/y: ingress: the policy's direction is 'egress'");
    });

    test('Peer.anywhere() with other peers, an empty peer list, something that is not a peer', () => {
      const chart = productionChart();
      expect(() => new NetworkPolicy(chart, 'a', { ingress: [{ from: [Peer.anywhere(), Namespaces.all()] }] })).toThrow(
        'production/a: ingress[0].from: Peer.anywhere() already includes every other peer; give it alone',
      );
      expect(() => new NetworkPolicy(chart, 'b', { egress: [{ to: postgres }, { to: [] }] })).toThrow(
        'production/b: egress[1].to: give at least one peer; an empty list would allow every peer (use Peer.anywhere() for that)',
      );
      const policy = new NetworkPolicy(chart, 'c', {});
      expect(() => policy.addIngress({ from: [frontend, { app: 'web' } as never] })).toThrow(
        'production/c: ingress[0].from[1]: not a peer: give a Workload, Namespaces, IpRange, Service, Peer.anywhere(), an IPeer or a cdk8s-plus Deployment, StatefulSet, DaemonSet, Job, Pod or Service; got an object of type Object',
      );
      expect(() => Peer.anywhere().toNetworkPolicyPeer('production')).toThrow('Peer.anywhere() is not one NetworkPolicy peer');
    });
  });
});
