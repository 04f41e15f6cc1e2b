import { Analyzer } from '../../lib/analysis/analyzer';
import { Peer, PortProbe } from '../../lib/analysis/types';
import { ClusterModel, Endpoint, HostNetworkTreatment, PolicyEntry } from '../../lib/model';

// ClusterModel.hostNetworkPods: how a plugin treats hostNetwork pods (docs/cni-profiles.md).
const TCP9100: PortProbe = { port: 9100, protocol: 'TCP' };
const exporter: Endpoint = { namespace: 'mon', name: 'exporter', kind: 'Pod', labels: { app: 'exporter' }, ports: [], ips: ['10.0.0.5'], hostNetwork: true };
const scraper: Endpoint = { namespace: 'mon', name: 'scraper', kind: 'Pod', labels: { app: 'scraper' }, ports: [], ips: ['10.1.0.7'] };

function policy(name: string, spec: PolicyEntry['policy']['spec']): PolicyEntry {
  return { policy: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'mon' }, spec } };
}

const ep = (id: string): Peer => ({ kind: 'endpoint', id });

function analyzer(policies: PolicyEntry[], hostNetworkPods?: HostNetworkTreatment): Analyzer {
  const model: ClusterModel = { namespaces: [{ name: 'mon', labels: {} }], endpoints: [exporter, scraper], policies, ...(hostNetworkPods ? { hostNetworkPods } : {}) };
  return new Analyzer(model);
}

describe('Analyzer: hostNetwork pods by plugin treatment', () => {
  const denyAll = policy('deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });

  test.each([
    [undefined, false],
    ['pod' as const, false],
    ['node' as const, true],
    ['peer-only' as const, true],
  ])('under %s a default deny isolates the hostNetwork pod unless the plugin never selects it', (treatment, reachable) => {
    const analysis = analyzer([denyAll], treatment);
    expect(analysis.isAllowed(ep('mon/scraper'), ep('mon/exporter'), TCP9100)).toBe(false); // the scraper's egress is denied
    expect(analysis.isAllowed(ep('mon/exporter'), ep('mon/exporter'), TCP9100)).toBe(reachable);
    expect(analysis.explain(ep('mon/exporter'), ep('mon/exporter'), TCP9100).ingress).toMatchObject({ isolated: !reachable });
  });

  const scrapeBySelector = policy('scrape', {
    podSelector: { matchLabels: { app: 'scraper' } },
    policyTypes: ['Egress'],
    egress: [{ to: [{ podSelector: { matchLabels: { app: 'exporter' } } }] }],
  });

  test.each([
    [undefined, true],
    ['node' as const, false],
    ['peer-only' as const, true],
  ])('under %s a podSelector peer matches the hostNetwork pod only where the plugin matches it', (treatment, allowed) => {
    expect(analyzer([scrapeBySelector], treatment).isAllowed(ep('mon/scraper'), ep('mon/exporter'), TCP9100)).toBe(allowed);
  });

  test('as the node, the pod is still matched by an ipBlock of its address and by a rule open to every peer', () => {
    const byNodeAddress = policy('scrape', { podSelector: { matchLabels: { app: 'scraper' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }] }] });
    expect(analyzer([byNodeAddress], 'node').isAllowed(ep('mon/scraper'), ep('mon/exporter'), TCP9100)).toBe(true);
    const toEveryPeer = policy('scrape', { podSelector: { matchLabels: { app: 'scraper' } }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 9100 }] }] });
    expect(analyzer([toEveryPeer], 'node').isAllowed(ep('mon/scraper'), ep('mon/exporter'), TCP9100)).toBe(true);
    const namespacePeer = policy('scrape', { podSelector: { matchLabels: { app: 'scraper' } }, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: {} }] }] });
    expect(analyzer([namespacePeer], 'node').isAllowed(ep('mon/scraper'), ep('mon/exporter'), TCP9100)).toBe(false);
    expect(analyzer([namespacePeer]).isAllowed(ep('mon/scraper'), ep('mon/exporter'), TCP9100)).toBe(true);
  });
});
