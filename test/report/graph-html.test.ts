import { Analyzer } from '../../lib/analysis/analyzer';
import { buildConnectivityGraph } from '../../lib/report/graph-build';
import { explainFlows } from '../../lib/report/graph-explain';
import { escapeHtml, renderHtmlGraph, scriptSafeJson } from '../../lib/report/graph-html';
import { INTERNET, shopAnalyzer } from './graph-fixture';

function shopPage(): string {
  const analyzer = shopAnalyzer();
  const graph = buildConnectivityGraph(analyzer, { externals: [INTERNET] });
  return renderHtmlGraph(graph, explainFlows(analyzer, graph), { title: 'Shop </script><b>' });
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
    expect(page).not.toMatch(/\b(src|href)\s*=/i);
    expect(page).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(page).not.toContain('sourceMappingURL');
    expect(page).toContain(`content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'"`);
    // Only the three script elements the page is made of open and close.
    expect(page.match(/<script\b/g)).toHaveLength(3);
    expect(page.match(/<\/script>/g)).toHaveLength(3);
    expect(page).toContain('<title>Shop &lt;/script&gt;&lt;b&gt;</title>');
    expect(page).toContain('Copyright (c) 2012-2014 Chris Pettitt');
  });

  test('lists isolation and the port matrix without the browser', () => {
    const page = shopPage();
    expect(page).toContain('1 of 4 endpoints are not isolated for ingress, 1 not for egress');
    expect(page).toContain(
      '<tr><th scope="row">monitoring/prometheus</th><td class="open">not isolated: everything allowed</td><td class="open">not isolated: everything allowed</td></tr>',
    );
    expect(page).toContain('<td>isolated by <code>shop/default-deny</code></td>');
    // Row shop/api: nothing to prometheus or itself, 5432 to db, nothing to web, nothing out.
    expect(page).toContain(
      '<tr><th scope="row">shop/api</th><td class="denied">none</td><td class="denied">none</td><td>TCP 5432</td><td class="denied">none</td><td class="denied">none</td></tr>',
    );
  });

  test('an edge with more ranges than are explained says how many it has', () => {
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
    const page = renderHtmlGraph(graph, explainFlows(analyzer, graph));
    const data = JSON.parse(page.match(/<script type="application\/json" id="graph-data">(.*?)<\/script>/)![1]);
    const edge = (from: string, to: string) => data.edges.find((e: { from: string; to: string }) => e.from === from && e.to === to);
    const narrow = edge('a/src', 'a/dst');
    expect(narrow.explanations).toHaveLength(7);
    expect(narrow.explanations[6]).toBe('(explained at the first port of 6 of 8 allowed ranges)');
    // Every port of every protocol is three ranges: all explained, no note.
    expect(edge('a/dst', 'a/src').explanations).toHaveLength(3);
  });
});
