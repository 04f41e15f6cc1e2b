import { Analyzer } from '../../lib/analysis/analyzer';
import { addressPeers } from '../../lib/analysis/external-peers';
import { Explanation, Peer, PortProbe } from '../../lib/analysis/types';
import { Protocol } from '../../lib/model';
import { renderExplainText } from '../../lib/report/explain';
import { buildConnectivityGraph } from '../../lib/workflows';
import { EXPLAIN_SCRIPT } from '../../lib/report/graph/explain-script';
import { ConnectivityGraph, GraphNode } from '../../lib/report/graph/graph-model';
import { escapeHtml, graphPageData, renderHtmlGraph, scriptSafeJson } from '../../lib/report/graph/html';
import { INTERNET, shopAnalyzer } from './graph-fixture';

const NETWORK = { label: '10.0.0.0/7', addresses: ['10.0.0.0', '11.0.0.0'] };

function pageOf(analyzer: Analyzer, graph: ConnectivityGraph, title?: string): string {
  return renderHtmlGraph(graph, analyzer.ruleTables(graph.nodes.flatMap((node) => node.addresses ?? [])), { title });
}

function shopPage(): string {
  const analyzer = shopAnalyzer();
  return pageOf(analyzer, buildConnectivityGraph(analyzer, { externals: [INTERNET] }), 'Shop </script><b>');
}

function embeddedData(page: string): any {
  return JSON.parse(page.match(/<script type="application\/json" id="graph-data">(.*?)<\/script>/)![1]);
}

interface PageExplainer {
  explainText(from: number, to: number, probe: [Protocol, number]): string;
  allowingPolicies(from: number, to: number, probes: [Protocol, number][]): { egress: string[]; ingress: string[] };
}

/** The page's explainer, run here as the browser runs it. */
function pageExplainer(data: unknown): PageExplainer {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function(`${EXPLAIN_SCRIPT}\nreturn netpolExplainer;`)()(data);
}

/** What `netpol explain` says, for a network the first of its addresses that is allowed (or the first). */
function analyzerText(analyzer: Analyzer, from: GraphNode, to: GraphNode, probe: PortProbe): string {
  const peers = (node: GraphNode): Peer[] => (node.addresses ? addressPeers(node.addresses) : [{ kind: 'endpoint', id: node.id }]);
  const explanations: Explanation[] = peers(from).flatMap((source) => peers(to).map((destination) => analyzer.explain(source, destination, probe)));
  return renderExplainText(explanations.find((explanation) => explanation.allowed) ?? explanations[0]);
}

describe('HTML graph page', () => {
  test('embedded JSON cannot end its script element', () => {
    const json = scriptSafeJson({ label: '</script><script>alert(1)</script><!--' });
    expect(json).not.toMatch(/[<>]/);
    expect(JSON.parse(json)).toEqual({ label: '</script><script>alert(1)</script><!--' });
  });

  test('text is escaped for element content and attributes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  test('is one file that loads nothing from outside', () => {
    const page = shopPage();
    expect(page).not.toMatch(/\b(src)\s*=/i);
    expect(page).not.toMatch(/\bhref\s*=\s*"(?!#)/i);
    expect(page).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(page).not.toContain('sourceMappingURL');
    expect(page).toContain(`content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'"`);
    // Only the four script elements the page is made of open and close.
    expect(page.match(/<script\b/g)).toHaveLength(4);
    expect(page.match(/<\/script>/g)).toHaveLength(4);
    expect(page).toContain('<title>Shop &lt;/script&gt;&lt;b&gt;</title>');
    expect(page).toContain('Copyright (c) 2012-2014 Chris Pettitt');
    expect(page).toContain('1 of 4 endpoints are not isolated for ingress, 1 not for egress');
  });

  test('lists findings and caveats under the heading, escaped, folded when there are many', () => {
    const analyzer = shopAnalyzer();
    const graph = buildConnectivityGraph(analyzer);
    const tables = analyzer.ruleTables();
    expect(renderHtmlGraph(graph, tables)).not.toContain('id="notices"');
    const finding = { severity: 'warning' as const, rule: 'duplicate-object' as const, path: 'metadata.name', message: 'replaces <Pod> web', file: 'a.yaml', kind: 'Pod', namespace: 'shop', name: 'web' };
    const caveats = [{ endpoint: 'shop/db', caveat: 'hostNetwork: enforcement depends on the CNI' }];
    const page = renderHtmlGraph(graph, tables, { findings: [finding], caveats });
    expect(page).toContain('<details id="notices" class="notices" open>\n<summary>1 finding from reading the inputs, 1 caveat on endpoints: the picture may differ from the cluster</summary>');
    expect(page).toContain('<li>a.yaml: Pod shop/web: metadata.name: warning: [duplicate-object] replaces &lt;Pod&gt; web</li>\n<li>caveat: shop/db: hostNetwork: enforcement depends on the CNI</li>');
    const many = renderHtmlGraph(graph, tables, { findings: Array.from({ length: 11 }, () => finding) });
    expect(many).toContain('<details id="notices" class="notices">\n<summary>11 findings from reading the inputs: ');
  });

  test('embeds nodes, flows per source and the rule tables, not explanations', () => {
    const data = embeddedData(shopPage());
    expect(data.namespaces).toEqual(['monitoring', 'shop']);
    expect(data.nodes.map((node: unknown[]) => node.slice(0, 2))).toEqual([
      ['prometheus', 0],
      ['api', 1],
      ['db', 1],
      ['web-1.v2', 1],
      [INTERNET.label, -1],
    ]);
    // shop/api (node 1) reaches only shop/db (node 2), on TCP 5432.
    const api = data.flows.find((row: number[]) => row[0] === 1);
    expect(api.length).toBe(3);
    expect(api[1]).toBe(2);
    expect(data.portSets[api[2]]).toEqual(['TCP 5432', [['TCP', 5432]], 1]);
    expect(data.tables.policies).toEqual(['shop/allow-metrics', 'shop/api', 'shop/db', 'shop/default-deny', 'shop/web']);
    expect(JSON.stringify(data)).not.toContain('allowed by');
  });

  test('the page explains every pair at every probe as netpol explain does', () => {
    const analyzer = shopAnalyzer();
    const graph = buildConnectivityGraph(analyzer, { externals: [INTERNET, NETWORK] });
    const explainer = pageExplainer(embeddedData(pageOf(analyzer, graph)));
    const probes: [Protocol, number][] = [['TCP', 8080], ['TCP', 5432], ['TCP', 9090], ['TCP', 443], ['TCP', 1], ['UDP', 8125], ['UDP', 53], ['SCTP', 9090]];
    let compared = 0;
    graph.nodes.forEach((from, i) => {
      graph.nodes.forEach((to, j) => {
        if (from.namespace === undefined && to.namespace === undefined) {
          return;
        }
        for (const [protocol, port] of probes) {
          expect(explainer.explainText(i, j, [protocol, port])).toBe(analyzerText(analyzer, from, to, { protocol, port }));
          compared++;
        }
      });
    });
    expect(compared).toBe((36 - 4) * probes.length);
  });

  test('the allowing policies of a flow, per direction', () => {
    const analyzer = shopAnalyzer();
    const graph = buildConnectivityGraph(analyzer);
    const explainer = pageExplainer(embeddedData(pageOf(analyzer, graph)));
    const index = (id: string): number => graph.nodes.findIndex((node) => node.id === id);
    expect(explainer.allowingPolicies(index('shop/api'), index('shop/db'), [['TCP', 5432]])).toEqual({
      egress: ['shop/api'],
      ingress: ['shop/db'],
      open: { egress: false, ingress: false },
    });
    expect(explainer.allowingPolicies(index('monitoring/prometheus'), index('shop/db'), [['TCP', 9090], ['UDP', 8125]])).toEqual({
      egress: [],
      ingress: ['shop/allow-metrics'],
      open: { egress: true, ingress: false },
    });
  });

  test('a flow with more ranges than are explained keeps the count', () => {
    const analyzer = new Analyzer({
      namespaces: [],
      endpoints: ['src', 'dst'].map((name) => ({ namespace: 'a', name, kind: 'Pod', labels: { app: name }, ports: [], ips: [] })),
      policies: [
        {
          policy: {
            apiVersion: 'networking.k8s.io/v1',
            kind: 'NetworkPolicy',
            metadata: { name: 'eight-ports', namespace: 'a' },
            spec: { podSelector: { matchLabels: { app: 'dst' } }, ingress: [{ ports: [1, 3, 5, 7, 9, 11, 13, 15].map((port) => ({ port })) }] },
          },
        },
      ],
    });
    const graph = buildConnectivityGraph(analyzer);
    const data = graphPageData(graph, analyzer.ruleTables()) as { portSets: [string, unknown[], number][] };
    const narrow = data.portSets.find(([label]) => label.startsWith('TCP 1, TCP 3'))!;
    expect(narrow[1]).toHaveLength(6);
    expect(narrow[2]).toBe(8);
    // Every port of every protocol is three ranges.
    expect(data.portSets.find(([label]) => label === 'all')![2]).toBe(3);
  });
});
