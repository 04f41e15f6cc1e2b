import * as fs from 'fs';
import * as path from 'path';
import { PortProbe, PortSet, RuleTables, formatPortSet, isEmptyPortSet } from '../../analysis';
import type { ManifestFinding } from '../../manifests';
import { EndpointNotes, PROTOCOLS } from '../../model';
import { renderEndpointNotesText } from '../endpoint-notes';
import { renderFindingsText } from '../findings';
import { ConnectivityGraph, drawnEdges, nodeGroups } from './graph-model';
import { EXPLAIN_SCRIPT } from './explain-script';
import { GRAPH_PAGE_SCRIPT } from './page-script';
import { GRAPH_PAGE_STYLE } from './page-style';

/** Enough to show which rules open which ranges; the page says when a flow has more. */
export const EXPLAINED_PROBES_PER_FLOW = 6;

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

/** The probes a flow is explained at: the first port of each allowed range, protocols in report order. */
function representativeProbes(ports: PortSet): [string, number][] {
  return PROTOCOLS.flatMap((protocol) => ports[protocol].map((range): [string, number] => [protocol, range.from]));
}

/**
 * What the page script reads (see explain-script.ts for the shape): nodes as
 * `[name, namespace index or -1, class index or -1, roles, address indices]` (roles: 1 row of
 * the port matrix, 2 column), the distinct port sets as `[label, probes, ranges]`, the flows
 * per source as `[from, to, portSet, to, portSet, ...]`, and the rule tables as tuples.
 */
export function graphPageData(graph: ConnectivityGraph, tables: RuleTables, explanationNote?: string): object {
  const namespaces = nodeGroups(graph).flatMap((group) => (group.namespace === undefined ? [] : [group.namespace]));
  const namespaceIndex = new Map(namespaces.map((namespace, index) => [namespace, index]));
  const endpointIndex = new Map(tables.endpoints.map((id, index) => [id, index]));
  const addressIndex = new Map(tables.addresses.map((address, index) => [address, index]));
  const sources = new Set(graph.sources);
  const destinations = new Set(graph.destinations);
  const nodeIndex = new Map(graph.nodes.map((node, index) => [node.id, index]));
  const nodes = graph.nodes.map((node) => {
    const roles = (sources.has(node.id) ? 1 : 0) | (destinations.has(node.id) ? 2 : 0);
    if (node.namespace === undefined) {
      return [node.name, -1, -1, roles, (node.addresses ?? []).map((address) => addressIndex.get(address)!)];
    }
    const endpoint = endpointIndex.get(node.id);
    if (endpoint === undefined) {
      throw new Error(`graph page: endpoint ${node.id} is not in the rule tables`);
    }
    return [node.name, namespaceIndex.get(node.namespace)!, tables.classOf[endpoint], roles];
  });
  const portSets: [string, [string, number][], number][] = [];
  const portSetIndex = new Map<string, number>();
  const byObject = new Map<PortSet, number>();
  const portSetOf = (ports: PortSet): number => {
    let index = byObject.get(ports);
    if (index === undefined) {
      const label = formatPortSet(ports);
      index = portSetIndex.get(label);
      if (index === undefined) {
        const probes = representativeProbes(ports);
        index = portSets.push([label, probes.slice(0, EXPLAINED_PROBES_PER_FLOW), probes.length]) - 1;
        portSetIndex.set(label, index);
      }
      byObject.set(ports, index);
    }
    return index;
  };
  const flows: number[][] = [];
  // The page shows allowed ports only: ambiguous verdicts are listed among its limits.
  for (const flow of graph.flows.filter((candidate) => !isEmptyPortSet(candidate.ports))) {
    const from = nodeIndex.get(flow.from)!;
    let row = flows[flows.length - 1];
    if (!row || row[0] !== from) {
      row = [from];
      flows.push(row);
    }
    row.push(nodeIndex.get(flow.to)!, portSetOf(flow.ports));
  }
  const probe: PortProbe | undefined = graph.probe;
  const rules = (direction: 'ingress' | 'egress'): unknown[] =>
    tables.rules[direction].map((policyRules) => policyRules?.map((rule) => [rule.ruleIndex, rule.peerClasses, rule.addresses, rule.ports]) ?? null);
  return {
    probe: probe ? [probe.protocol, probe.port] : null,
    explanationNote: explanationNote ?? null,
    namespaces,
    nodes,
    portSets,
    flows,
    tables: {
      policies: tables.policies,
      classPorts: tables.classPorts,
      containerPorts: tables.containerPorts,
      isolating: tables.isolating,
      rules: { ingress: rules('ingress'), egress: rules('egress') },
      addresses: tables.addresses,
    },
  };
}

/** The page's props. */
export interface HtmlGraphOptions {
  /** The page title and heading. @default 'NetworkPolicy connectivity' */
  readonly title?: string;
  /** What reading the inputs found, shown under the heading: each may make the picture differ from the cluster. @default none */
  readonly findings?: readonly ManifestFinding[];
  /** Caveats of the endpoints drawn (hostNetwork, labels the input cannot know), shown with the findings. @default none */
  readonly caveats?: EndpointNotes['caveats'];
  /**
   * What the page's own answers leave out, one sentence each (pairs with an ambiguous
   * verdict, flows the admin tier decides), shown with the findings.
   * @default none
   */
  readonly limits?: readonly string[];
  /**
   * A sentence shown above each click explanation, where those cover only part of the decision
   * (the NetworkPolicy rules, when admin-tier policies decide too).
   * @default none
   */
  readonly explanationNote?: string;
}

/** Lists beyond this stay folded, so a long list does not push the picture off the first screen. */
const OPEN_NOTICE_LINES = 10;

/** The findings and caveats as a list under the heading; empty when there are none. */
function noticeSection(findings: readonly ManifestFinding[], caveats: EndpointNotes['caveats'], limits: readonly string[]): string {
  const text = renderFindingsText(findings) + renderEndpointNotesText({ workloads: [], caveats });
  const lines = [...limits, ...text.split('\n').filter((line) => line !== '')];
  if (lines.length === 0) {
    return '';
  }
  const counts = [
    ...(limits.length > 0 ? [`${limits.length} ${limits.length === 1 ? 'limit' : 'limits'} of this page`] : []),
    ...(findings.length > 0 ? [`${findings.length} ${findings.length === 1 ? 'finding' : 'findings'} from reading the inputs`] : []),
    ...(caveats.length > 0 ? [`${caveats.length} ${caveats.length === 1 ? 'caveat' : 'caveats'} on endpoints`] : []),
  ];
  const open = lines.length <= OPEN_NOTICE_LINES ? ' open' : '';
  const items = lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('\n');
  return `<details id="notices" class="notices"${open}>
<summary>${escapeHtml(counts.join(', '))}: the picture may differ from the cluster</summary>
<ul>
${items}
</ul>
</details>
`;
}

/**
 * One self-contained HTML page: a namespace overview (laid out in the browser by the inlined
 * dagre) whose namespaces open in place, a view per workload (who may reach it, whom it may
 * reach, with ports and the allowing policies), the port matrix and the isolation table. A
 * click on a flow explains it, computed in the page from the rule tables. The page loads
 * nothing from anywhere, and its Content-Security-Policy forbids it to.
 */
export function renderHtmlGraph(graph: ConnectivityGraph, tables: RuleTables, options: HtmlGraphOptions = {}): string {
  const title = options.title ?? 'NetworkPolicy connectivity';
  const endpoints = graph.nodes.filter((node) => node.namespace !== undefined);
  const namespaceCount = nodeGroups(graph).filter((group) => group.namespace !== undefined).length;
  const pairs = drawnEdges(graph).filter((edge) => !edge.ambiguous).length;
  const scope = graph.probe ? ` on ${graph.probe.protocol} ${graph.probe.port}` : '';
  const summary = `${endpoints.length} endpoints in ${namespaceCount} namespaces; ${pairs} allowed pairs of distinct nodes${scope}.`;
  const openIngress = endpoints.filter((node) => node.ingressPolicies.length === 0).length;
  const openEgress = endpoints.filter((node) => node.egressPolicies.length === 0).length;
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
<header>
<h1>${escapeHtml(title)}</h1>
<p class="summary">${escapeHtml(summary)}</p>
${noticeSection(options.findings ?? [], options.caveats ?? [], options.limits ?? [])}<nav><a href="#overview-section">Namespaces</a> <a href="#workload-section">Workload</a> <a href="#matrix-section">Port matrix</a> <a href="#isolation-section">Isolation</a></nav>
</header>
<div class="page">
<main>
<section id="overview-section">
<h2>Namespaces</h2>
<p class="legend">One box per namespace; an arrow counts the allowed flows between two of them. Click a namespace to open it in place, a workload to see its view, an arrow to see why it is allowed. Dashed yellow: some endpoint is not isolated for ingress.</p>
<div id="overview-controls" class="controls"></div>
<div id="tiles"></div>
<div class="graph-box"><svg id="overview" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="namespace overview"></svg></div>
</section>
<section id="workload-section">
<h2>Workload</h2>
<p class="legend">Who may reach the workload (left), the workload (middle), whom it may reach (right), with the ports and the policies that allow each flow. Click a flow to see why.</p>
<div class="controls"><label>workload <select id="workload-select"></select></label></div>
<div id="workload-view"></div>
</section>
<section id="matrix-section">
<h2>Port matrix</h2>
<p class="legend">Rows are sources, columns destinations; each cell lists the ports allowed. Click a cell to see why.</p>
<div class="controls"><label>from <select id="matrix-from"></select></label> <label>to <select id="matrix-to"></select></label></div>
<div id="matrix"></div>
</section>
<section id="isolation-section">
<h2>Isolation</h2>
<p class="legend">${openIngress} of ${endpoints.length} endpoints are not isolated for ingress, ${openEgress} not for egress: no policy selects them, so that direction allows everything.</p>
<div class="controls"><label>namespace <select id="isolation-namespace"></select></label></div>
<div id="isolation"></div>
</section>
</main>
<aside id="explanation"><p>Click an arrow, a flow or a matrix cell to see why it is allowed.</p></aside>
</div>
<script type="application/json" id="graph-data">${scriptSafeJson(graphPageData(graph, tables, options.explanationNote))}</script>
<script>
${dagreBrowserBuild()}
</script>
<script>${EXPLAIN_SCRIPT}</script>
<script>${GRAPH_PAGE_SCRIPT}</script>
</body>
</html>
`;
}
