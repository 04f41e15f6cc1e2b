import { Testing } from 'cdk8s';
import { AllowDns, DnsProvider, IpRange, NamespacePolicyChart, Port, Workload } from '../../lib';
import { captureWarnings, productionChart, specOf } from './synth-helpers';

const NS = 'kubernetes.io/metadata.name';
const dns53 = [
  { protocol: 'UDP', port: 53 },
  { protocol: 'TCP', port: 53 },
];
const kubeDns = { namespaceSelector: { matchLabels: { [NS]: 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } };

describe('AllowDns', () => {
  test('default: every pod to kube-dns in kube-system, UDP and TCP 53', () => {
    const chart = productionChart();
    new AllowDns(chart, 'allow-dns');
    expect(specOf(chart, 'allow-dns')).toEqual({ podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [kubeDns], ports: dns53 }] });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('NodeLocal DNSCache: the link-local ipBlock OR the kube-dns pods, in one rule', () => {
    const chart = productionChart();
    new AllowDns(chart, 'allow-dns', { provider: DnsProvider.nodeLocal() });
    expect(specOf(chart, 'allow-dns')).toEqual({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '169.254.20.10/32' } }, kubeDns], ports: dns53 }],
    });
  });

  test('NodeLocal DNSCache on another address', () => {
    const chart = productionChart();
    new AllowDns(chart, 'allow-dns', { provider: DnsProvider.nodeLocal({ address: '169.254.0.10' }) });
    expect((specOf(chart, 'allow-dns') as { egress: Array<{ to: unknown[] }> }).egress[0].to[0]).toEqual({ ipBlock: { cidr: '169.254.0.10/32' } });
  });

  test('OpenShift: the DNS operator pods in openshift-dns on 5353', () => {
    const chart = productionChart();
    new AllowDns(chart, 'allow-dns', { provider: DnsProvider.openShift() });
    // The DNS lint knows OpenShift's pod port, so this egress-isolating policy raises no warning.
    let spec: unknown;
    expect(captureWarnings(() => (spec = specOf(chart, 'allow-dns')))).toEqual([]);
    expect(spec).toEqual({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { [NS]: 'openshift-dns' } },
              podSelector: { matchLabels: { 'dns.operator.openshift.io/daemonset-dns': 'default' } },
            },
          ],
          ports: [
            { protocol: 'UDP', port: 5353 },
            { protocol: 'TCP', port: 5353 },
          ],
        },
      ],
    });
  });

  test('custom servers and ports, for some pods', () => {
    const chart = productionChart();
    new AllowDns(chart, 'allow-dns', {
      pods: Workload.select({ app: 'web' }),
      provider: DnsProvider.custom({ peers: [IpRange.address('10.0.0.53')], ports: [Port.udp(5300)] }),
    });
    expect(specOf(chart, 'allow-dns')).toEqual({
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.53/32' } }], ports: [{ protocol: 'UDP', port: 5300 }] }],
    });
  });

  test('in kube-system itself the DNS pods are a pod selector alone', () => {
    const chart = new NamespacePolicyChart(Testing.app(), 'system', { namespace: 'kube-system' });
    new AllowDns(chart, 'allow-dns');
    expect((specOf(chart, 'allow-dns') as { egress: Array<{ to: unknown[] }> }).egress[0].to).toEqual([
      { podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } },
    ]);
  });
});
