import { formatPortSet } from '../../lib/analysis/port-set';
import { buildConnectivityGraph } from '../../lib/workflows';
import { namespaceGraph } from '../../lib/report/graph/graph-model';
import { dotString, renderDotGraph } from '../../lib/report/graph/dot';
import { mermaidId, mermaidLabel, renderMermaidGraph } from '../../lib/report/graph/mermaid';
import { INTERNET, shopAnalyzer } from './graph-fixture';

describe('namespaceGraph', () => {
  test('folds flows between namespaces, counts those inside, keeps outside peers apart', () => {
    const folded = namespaceGraph(buildConnectivityGraph(shopAnalyzer(), { externals: [INTERNET] }));
    expect(folded.nodes).toEqual([
      { id: 'monitoring', namespace: 'monitoring', endpoints: 1, internalPairs: 0, ingressOpen: 1 },
      { id: 'shop', namespace: 'shop', endpoints: 3, internalPairs: 2, ingressOpen: 0 },
      { id: INTERNET.label, endpoints: 0, internalPairs: 0, ingressOpen: 0 },
    ]);
    expect(folded.flows.map((flow) => `${flow.from}>${flow.to} ${flow.pairs} ${formatPortSet(flow.ports)}`)).toEqual([
      'monitoring>shop 3 TCP 8080, TCP 9090, UDP 8125-8126',
      'monitoring>203.0.113.10 1 all',
      'shop>203.0.113.10 1 TCP 443',
      '203.0.113.10>monitoring 1 all',
      '203.0.113.10>shop 1 TCP 8080',
    ]);
  });
});

describe('Mermaid', () => {
  test('ids keep letters and digits and escape everything else injectively', () => {
    expect(mermaidId('n', 'shop/web-1.v2')).toBe('n_shop_2f_web_2d_1_2e_v2');
    expect(mermaidId('n', 'a_b')).not.toBe(mermaidId('n', 'a/b'));
    expect(mermaidId('n', 'end')).toBe('n_end');
    expect(mermaidId('n', 'a-b')).toMatch(/^[A-Za-z0-9_]+$/);
  });

  test('labels cannot close their quotes or open markup', () => {
    expect(mermaidLabel('a "b" <c> #1 & d\ne `x`')).toBe('"a #quot;b#quot; #lt;c#gt; #35;1 #amp; d\\ne #96;x#96;"');
  });

  test('the shop as a flowchart', () => {
    const graph = buildConnectivityGraph(shopAnalyzer(), { externals: [INTERNET] });
    const text = renderMermaidGraph(graph);
    expect(text.startsWith('flowchart LR\n')).toBe(true);
    expect(text).toContain('  subgraph ns_shop ["namespace shop"]\n');
    expect(text).toContain('  n_shop_2f_api -->|"TCP 5432"| n_shop_2f_db\n');
    expect(text).toContain('  n_203_2e_0_2e_113_2e_10 -->|"all"| n_monitoring_2f_prometheus\n');
    // No self loops in the picture.
    expect(text).not.toMatch(/(n_\w+) -->\|[^|]*\| \1\n/);
    // Every subgraph is closed.
    expect(text.match(/^ {2}subgraph /gm)?.length).toBe(text.match(/^ {2}end$/gm)?.length);
    expect(text).toMatchSnapshot();
  });

  test('--group namespace draws one node per namespace and counted edges', () => {
    const text = renderMermaidGraph(buildConnectivityGraph(shopAnalyzer(), { externals: [INTERNET] }), { group: 'namespace' });
    expect(text).toContain('  n_shop["namespace shop: 3 endpoints, 2 flows inside"]\n');
    expect(text).toContain('  n_monitoring -->|"3 flows: TCP 8080, TCP 9090, UDP 8125-8126"| n_shop\n');
    expect(text).toContain('  n_shop -->|"1 flow: TCP 443"| n_203_2e_0_2e_113_2e_10\n');
    expect(text).not.toContain('subgraph');
    expect(text).not.toContain('shop/api');
  });

  test('a probe is noted and leaves only its edges', () => {
    const text = renderMermaidGraph(buildConnectivityGraph(shopAnalyzer(), { probe: { port: 5432, protocol: 'TCP' } }));
    expect(text).toContain('%% restricted to TCP 5432');
    expect(text.match(/-->/g)).toHaveLength(1);
  });

  test('renders the same text every time', () => {
    const render = (): string => renderMermaidGraph(buildConnectivityGraph(shopAnalyzer(), { externals: [INTERNET] }));
    expect(render()).toBe(render());
  });
});

describe('DOT', () => {
  test('strings escape quotes and backslashes', () => {
    expect(dotString('a "b" \\ c')).toBe('"a \\"b\\" \\\\ c"');
  });

  test('the shop as a digraph with a cluster per namespace', () => {
    const text = renderDotGraph(buildConnectivityGraph(shopAnalyzer(), { externals: [INTERNET] }));
    expect(text).toContain('  subgraph "cluster_shop" {\n    label="namespace shop";\n');
    expect(text).toContain('  subgraph "cluster outside" {\n');
    expect(text).toContain('    "monitoring/prometheus" [label="prometheus", style="rounded,dashed"];\n');
    expect(text).toContain('  "shop/web-1.v2" -> "203.0.113.10" [label="TCP 443"];\n');
    expect((text.match(/{/g) ?? []).length).toBe((text.match(/}/g) ?? []).length);
    expect(text).toMatchSnapshot();
  });

  test('--group namespace draws one node per namespace and counted edges', () => {
    const text = renderDotGraph(buildConnectivityGraph(shopAnalyzer(), { externals: [INTERNET] }), { group: 'namespace' });
    expect(text).toContain('  "shop" [label="namespace shop: 3 endpoints, 2 flows inside"];\n');
    expect(text).toContain('  "203.0.113.10" -> "shop" [label="1 flow: TCP 8080"];\n');
    expect(text).not.toContain('subgraph');
  });
});
