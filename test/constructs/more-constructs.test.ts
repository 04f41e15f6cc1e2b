import { Testing } from 'cdk8s';
import { AllowApiServer, AllowMetricsScrape, AllowSameNamespace, ExternalHttps, Port, Workload } from '../../lib';
import { productionChart, specOf } from './synth-helpers';

const api = Workload.select({ app: 'api' });

describe('AllowSameNamespace', () => {
  test('snapshot: both directions to podSelector {}', () => {
    const chart = productionChart();
    new AllowSameNamespace(chart, 'allow-same-namespace');
    expect(specOf(chart, 'allow-same-namespace')).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: {} }] }],
      egress: [{ to: [{ podSelector: {} }] }],
    });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('ingress only, on some ports', () => {
    const chart = productionChart();
    new AllowSameNamespace(chart, 'same-ns-in', { direction: 'ingress', ports: [Port.tcp(8080)] });
    expect(specOf(chart, 'same-ns-in')).toEqual({
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: {} }], ports: [{ protocol: 'TCP', port: 8080 }] }],
    });
  });
});

describe('AllowApiServer', () => {
  test('snapshot: ipBlocks for the addresses, TCP 443 and 6443', () => {
    const chart = productionChart();
    new AllowApiServer(chart, 'api-to-api-server', { pods: api, addresses: ['10.0.0.1', '192.168.10.0/28'] });
    expect(specOf(chart, 'api-to-api-server')).toEqual({
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ ipBlock: { cidr: '10.0.0.1/32' } }, { ipBlock: { cidr: '192.168.10.0/28' } }],
          ports: [
            { protocol: 'TCP', port: 443 },
            { protocol: 'TCP', port: 6443 },
          ],
        },
      ],
    });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('no addresses is refused', () => {
    expect(() => new AllowApiServer(productionChart(), 'x', { addresses: [] })).toThrow('production/x: egress[0].to: give at least one peer');
  });
});

describe('AllowMetricsScrape', () => {
  test('snapshot: the monitoring namespace scraper AND-ed into one peer', () => {
    const chart = productionChart();
    new AllowMetricsScrape(chart, 'allow-scrape-api', { pods: api, port: Port.tcp(9090) });
    expect(specOf(chart, 'allow-scrape-api')).toEqual({
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
              podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
            },
          ],
          ports: [{ protocol: 'TCP', port: 9090 }],
        },
      ],
    });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('custom namespace, scraper labels and a named port', () => {
    const chart = productionChart();
    new AllowMetricsScrape(chart, 's', { pods: api, port: Port.named('metrics'), monitoringNamespace: 'obs', scraperLabels: { app: 'vmagent' } });
    expect((specOf(chart, 's') as { ingress: unknown[] }).ingress).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'obs' } }, podSelector: { matchLabels: { app: 'vmagent' } } }],
        ports: [{ port: 'metrics' }],
      },
    ]);
  });
});

describe('ExternalHttps', () => {
  test('snapshot: 0.0.0.0/0 and ::/0 minus private, link-local and CGNAT, TCP 443', () => {
    const chart = productionChart();
    new ExternalHttps(chart, 'web-https', { pods: api });
    expect(specOf(chart, 'web-https')).toEqual({
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '100.64.0.0/10'] } },
            { ipBlock: { cidr: '::/0', except: ['fc00::/7', 'fe80::/10'] } },
          ],
          ports: [{ protocol: 'TCP', port: 443 }],
        },
      ],
    });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('snapshot: ipv6: false and custom ports: IPv4 only, on each port given', () => {
    const chart = productionChart();
    new ExternalHttps(chart, 'stripe', { pods: api, ipv6: false, ports: [Port.tcp(443), Port.tcp(8443)] });
    expect(specOf(chart, 'stripe')).toEqual({
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '100.64.0.0/10'] } }],
          ports: [
            { protocol: 'TCP', port: 443 },
            { protocol: 'TCP', port: 8443 },
          ],
        },
      ],
    });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('ipv4: false leaves only ::/0; both false, or an except for a family turned off, is refused', () => {
    const chart = productionChart();
    new ExternalHttps(chart, 'v6', { pods: api, ipv4: false });
    expect((specOf(chart, 'v6') as { egress: Array<{ to: unknown[] }> }).egress[0].to).toEqual([
      { ipBlock: { cidr: '::/0', except: ['fc00::/7', 'fe80::/10'] } },
    ]);
    expect(() => new ExternalHttps(chart, 'none', { pods: api, ipv4: false, ipv6: false })).toThrow(
      'production/none: ipv4 and ipv6 are both false, so the policy would allow no destination; keep one of them',
    );
    expect(() => new ExternalHttps(chart, 'odd', { pods: api, ipv6: false, ipv6Except: ['fc00::/7'] })).toThrow(
      'production/odd: ipv6Except is given but ipv6 is false; drop one of them',
    );
  });
});
