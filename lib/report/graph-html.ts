import * as fs from 'fs';
import * as path from 'path';
import { formatPortSet } from '../analysis/port-set';
import { PortSet } from '../analysis/types';
import { renderExplainText } from './explain';
import { ConnectivityGraph, GraphNode, isIngressOpen, nodeGroups } from './graph-data';
import { ExplainedFlow, EXPLAINED_PROBES_PER_FLOW, representativeProbes } from './graph-explain';
import { GRAPH_PAGE_SCRIPT } from './html/graph-page-script';
import { GRAPH_PAGE_STYLE } from './html/graph-page-style';

/** Above this many columns the port matrix becomes a list of allowed pairs. */
export const HTML_MATRIX_LIMIT = 40;

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char]);
}

/**
 * JSON that can sit inside a `<script>` element: `<`, `>` and `&` are written as `\u` escapes
 * (so no `</script>` or `<!--` can appear), as are the line separators JavaScript once rejected.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * dagre's browser build with its MIT notice (which the build keeps in a separate file), and
 * without the source-map comment (a browser could try to fetch the map).
 */
function dagreBrowserBuild(): string {
  const file = path.join(path.dirname(require.resolve('@dagrejs/dagre')), 'dagre.min.js');
  const notice = fs.readFileSync(`${file}.LEGAL.txt`, 'utf8');
  const code = notice + fs.readFileSync(file, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, '');
  if (/<\/script|<!--/i.test(code)) {
    throw new Error(`${file} contains "</script" or "<!--" and cannot be inlined into the HTML report`);
  }
  return code;
}

/** What the page script draws: groups of nodes and the drawn edges with explanation texts. */
function pageData(graph: ConnectivityGraph, explained: readonly ExplainedFlow[]): object {
  return {
    groups: nodeGroups(graph).map((group) => ({
      key: group.namespace === undefined ? 'outside' : `ns:${group.namespace}`,
      namespace: group.namespace ?? null,
      title: group.title,
      nodes: group.nodes.map((node) => ({ id: node.id, name: node.name, ingressOpen: isIngressOpen(node) })),
    })),
    edges: explained.map((flow) => {
      const ranges = representativeProbes(flow.ports).length;
      const note = !graph.probe && ranges > EXPLAINED_PROBES_PER_FLOW
        ? [`(explained at the first port of ${EXPLAINED_PROBES_PER_FLOW} of ${ranges} allowed ranges)`]
        : [];
      return {
        from: flow.from,
        to: flow.to,
        label: formatPortSet(flow.ports),
        explanations: [...flow.explanations.map(renderExplainText), ...note],
      };
    }),
  };
}

function isolationCell(node: GraphNode, policies: readonly string[]): string {
  if (node.namespace === undefined) {
    return '<td>outside the cluster</td>';
  }
  return policies.length === 0
    ? '<td class="open">not isolated: everything allowed</td>'
    : `<td>isolated by ${policies.map((policy) => `<code>${escapeHtml(policy)}</code>`).join(', ')}</td>`;
}

function isolationTable(graph: ConnectivityGraph): string {
  const endpoints = graph.nodes.filter((node) => node.namespace !== undefined);
  const rows = endpoints.map(
    (node) => `<tr><th scope="row">${escapeHtml(node.id)}</th>${isolationCell(node, node.ingressPolicies)}${isolationCell(node, node.egressPolicies)}</tr>`,
  );
  const openIngress = endpoints.filter((node) => node.ingressPolicies.length === 0).length;
  const openEgress = endpoints.filter((node) => node.egressPolicies.length === 0).length;
  return [
    `<p class="legend">${openIngress} of ${endpoints.length} endpoints are not isolated for ingress, ${openEgress} not for egress: no policy selects them, so that direction allows everything.</p>`,
    '<table id="isolation"><thead><tr><th>endpoint</th><th>ingress</th><th>egress</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody></table>`,
  ].join('\n');
}

function matrixTable(graph: ConnectivityGraph): string {
  const ports = new Map<string, PortSet>(graph.flows.map((flow) => [`${flow.from}\n${flow.to}`, flow.ports]));
  if (graph.destinations.length > HTML_MATRIX_LIMIT) {
    const rows = graph.flows.map(
      (flow) => `<tr><td>${escapeHtml(flow.from)}</td><td>${escapeHtml(flow.to)}</td><td>${escapeHtml(formatPortSet(flow.ports))}</td></tr>`,
    );
    return [
      '<p class="legend">Every ordered pair that allows something; pairs not listed allow nothing.</p>',
      '<table id="matrix"><thead><tr><th>from</th><th>to</th><th>allowed ports</th></tr></thead>',
      `<tbody>${rows.join('\n')}</tbody></table>`,
    ].join('\n');
  }
  const header = graph.destinations.map((to) => `<th scope="col">${escapeHtml(to)}</th>`).join('');
  const rows = graph.sources.map((from) => {
    const cells = graph.destinations.map((to) => {
      const allowed = ports.get(`${from}\n${to}`);
      return allowed ? `<td>${escapeHtml(formatPortSet(allowed))}</td>` : '<td class="denied">none</td>';
    });
    return `<tr><th scope="row">${escapeHtml(from)}</th>${cells.join('')}</tr>`;
  });
  return [
    '<p class="legend">Rows are sources, columns destinations; each cell lists the ports allowed.</p>',
    `<table id="matrix"><thead><tr><th>from \\ to</th>${header}</tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody></table>`,
  ].join('\n');
}

export interface HtmlGraphOptions {
  /** The page title and heading. @default 'NetworkPolicy connectivity' */
  readonly title?: string;
}

/**
 * One self-contained HTML page: the graph (laid out in the browser by the inlined dagre),
 * a click on an edge explains it; which endpoints are isolated; the port matrix. The page
 * loads nothing from anywhere, and its Content-Security-Policy forbids it to.
 */
export function renderHtmlGraph(
  graph: ConnectivityGraph,
  explained: readonly ExplainedFlow[],
  options: HtmlGraphOptions = {},
): string {
  const title = options.title ?? 'NetworkPolicy connectivity';
  const endpointCount = graph.nodes.filter((node) => node.namespace !== undefined).length;
  const scope = graph.probe ? ` on ${graph.probe.protocol} ${graph.probe.port}` : '';
  const summary = `${endpointCount} endpoints in ${nodeGroups(graph).filter((group) => group.namespace !== undefined).length} namespaces; ${explained.length} allowed pairs of distinct nodes${scope}. Dashed yellow nodes are not isolated for ingress.`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${GRAPH_PAGE_STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="summary">${escapeHtml(summary)}</p>
<h2>Who can reach whom</h2>
<div class="graph-area">
<div class="graph-scroll"><svg id="graph" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="connectivity graph"></svg></div>
<aside id="explanation"><p>Click an arrow to see why it is allowed.</p></aside>
</div>
<h2>Isolation</h2>
${isolationTable(graph)}
<h2>Port matrix</h2>
${matrixTable(graph)}
<script type="application/json" id="graph-data">${scriptSafeJson(pageData(graph, explained))}</script>
<script>
${dagreBrowserBuild()}
</script>
<script>${GRAPH_PAGE_SCRIPT}</script>
</body>
</html>
`;
}
