import { formatPortSet } from '../../lib/analysis';
import { ConnectivityGraph } from '../../lib/report';
import { buildConnectivityGraph, connectivityPicture, graphRuleTables, loadAnalysisModel, reachOnAllPorts } from '../../lib/workflows';
import { INTERNET, shopAnalyzer } from '../report/graph-fixture';

function portsOf(graph: ConnectivityGraph, from: string, to: string): string | undefined {
  const flow = graph.flows.find((candidate) => candidate.from === from && candidate.to === to);
  return flow && formatPortSet(flow.ports);
}

describe('buildConnectivityGraph', () => {
  const analyzer = shopAnalyzer();

  test('flows hold every allowed port, intersected over egress and ingress', () => {
    const graph = buildConnectivityGraph(analyzer);
    expect(portsOf(graph, 'shop/web-1.v2', 'shop/api')).toBe('TCP 8080');
    // The named port `postgres` resolves on the destination db.
    expect(portsOf(graph, 'shop/api', 'shop/db')).toBe('TCP 5432');
    // Default deny: the db cannot open anything on the api, nor the api on the web tier.
    expect(portsOf(graph, 'shop/db', 'shop/api')).toBeUndefined();
    expect(portsOf(graph, 'shop/api', 'shop/web-1.v2')).toBeUndefined();
    // Prometheus's namespace has no policy, so its egress is open; shop's ingress decides.
    expect(portsOf(graph, 'monitoring/prometheus', 'shop/web-1.v2')).toBe('TCP 8080, TCP 9090, UDP 8125-8126');
    expect(portsOf(graph, 'shop/api', 'monitoring/prometheus')).toBeUndefined();
  });

  test('nodes record the isolating policies per direction', () => {
    const graph = buildConnectivityGraph(analyzer);
    const byId = new Map(graph.nodes.map((node) => [node.id, node]));
    expect(byId.get('shop/db')).toEqual({
      id: 'shop/db',
      namespace: 'shop',
      name: 'db',
      ingressPolicies: ['shop/allow-metrics', 'shop/db', 'shop/default-deny'],
      egressPolicies: ['shop/default-deny'],
    });
    expect(byId.get('monitoring/prometheus')?.ingressPolicies).toEqual([]);
  });

  test('external addresses become nodes outside any namespace, judged on the pod side', () => {
    const graph = buildConnectivityGraph(analyzer, { externals: [INTERNET] });
    expect(graph.nodes[graph.nodes.length - 1]).toEqual({ id: INTERNET.label, name: INTERNET.label, addresses: INTERNET.addresses, ingressPolicies: [], egressPolicies: [] });
    expect(portsOf(graph, 'shop/web-1.v2', INTERNET.label)).toBe('TCP 443');
    expect(portsOf(graph, INTERNET.label, 'shop/web-1.v2')).toBe('TCP 8080');
    expect(portsOf(graph, 'shop/api', INTERNET.label)).toBeUndefined();
    expect(portsOf(graph, INTERNET.label, 'monitoring/prometheus')).toBe('all');
  });

  test('an external is a source or destination where the filters keep it, as its flows are', () => {
    // --from shop: the address is no source kept, so it is a destination only, and no flow leaves it.
    const fromShop = buildConnectivityGraph(analyzer, { externals: [INTERNET], filter: { from: (id) => id.startsWith('shop/') } });
    expect(fromShop.sources).not.toContain(INTERNET.label);
    expect(fromShop.destinations).toContain(INTERNET.label);
    expect(fromShop.flows.filter((flow) => flow.from === INTERNET.label)).toEqual([]);
    expect(portsOf(fromShop, 'shop/web-1.v2', INTERNET.label)).toBe('TCP 443');
    // --from and --to both given: kept on neither side, so not drawn at all.
    const inside = buildConnectivityGraph(analyzer, { externals: [INTERNET], filter: { from: (id) => id.startsWith('shop/'), to: (id) => id.startsWith('shop/') } });
    expect(inside.nodes.map((node) => node.id)).not.toContain(INTERNET.label);
  });

  test('an external network allows what any of its probed addresses is allowed', () => {
    const network = { label: '10.0.0.0/7', addresses: ['10.0.0.0', '11.0.0.0'] };
    const graph = buildConnectivityGraph(analyzer, { externals: [network] });
    // 10.0.0.0/8 is excepted from the web tier's 443 rule, 11.0.0.0/8 is not.
    expect(portsOf(graph, 'shop/web-1.v2', '10.0.0.0/7')).toBe('TCP 443');
  });

  test('a probe keeps only that port', () => {
    const graph = buildConnectivityGraph(analyzer, { probe: { port: 8080, protocol: 'TCP' } });
    expect(graph.flows.map((flow) => `${flow.from}>${flow.to} ${formatPortSet(flow.ports)}`)).toEqual([
      'monitoring/prometheus>monitoring/prometheus TCP 8080',
      'monitoring/prometheus>shop/web-1.v2 TCP 8080',
      'shop/web-1.v2>shop/api TCP 8080',
    ]);
  });

  test('filters choose sources and destinations like reach', () => {
    const graph = buildConnectivityGraph(analyzer, {
      filter: { from: (id) => id.startsWith('monitoring/'), to: (id) => id === 'shop/db' },
    });
    expect(graph.nodes.map((node) => node.id)).toEqual(['monitoring/prometheus', 'shop/db']);
    expect(graph.sources).toEqual(['monitoring/prometheus']);
    expect(graph.destinations).toEqual(['shop/db']);
    expect(graph.flows.map((flow) => `${flow.from}>${flow.to}`)).toEqual(['monitoring/prometheus>shop/db']);
  });
});

describe('the graph and reach', () => {
  test('draw the same flows: the graph is reachOnAllPorts with nodes', () => {
    const analyzer = shopAnalyzer();
    const scope = { externals: [INTERNET], filter: { to: (id: string) => id !== 'shop/db' } };
    expect(buildConnectivityGraph(analyzer, scope).flows).toEqual(reachOnAllPorts(analyzer, scope).flows);
  });
});

describe('connectivityPicture', () => {
  test('carries the findings every answer shows, and the caveats of the endpoints drawn only', () => {
    const load = loadAnalysisModel([]);
    const withNotes = {
      ...load,
      verdictFindings: [{ severity: 'warning' as const, rule: 'not-evaluated' as const, path: '', message: 'not evaluated', file: 'a.yaml', kind: 'AdminNetworkPolicy', name: 'guard' }],
      model: {
        namespaces: [],
        policies: [],
        endpoints: [
          { namespace: 'shop', name: 'api', kind: 'Pod', labels: {}, ports: [], ips: [], caveats: ['hostNetwork: enforcement depends on the CNI'] },
          { namespace: 'shop', name: 'db', kind: 'Pod', labels: {}, ports: [], ips: [], caveats: ['hostNetwork: enforcement depends on the CNI'] },
        ],
      },
    };
    const onlyApi = (id: string): boolean => id === 'shop/api';
    const picture = connectivityPicture(shopAnalyzer(), withNotes, { filter: { from: onlyApi, to: onlyApi } });
    expect(picture.graph.nodes.map((node) => node.id)).toEqual(['shop/api']);
    expect(picture.findings).toBe(withNotes.verdictFindings);
    expect(picture.caveats).toEqual([{ endpoint: 'shop/api', caveat: 'hostNetwork: enforcement depends on the CNI' }]);
  });

  test('rule tables cover the outside addresses the graph probes', () => {
    const analyzer = shopAnalyzer();
    const graph = buildConnectivityGraph(analyzer, { externals: [INTERNET, { label: '10.0.0.0/7', addresses: ['10.0.0.0', '11.0.0.0'] }] });
    expect(graphRuleTables(analyzer, graph).addresses).toEqual([...INTERNET.addresses, '10.0.0.0', '11.0.0.0']);
  });
});
