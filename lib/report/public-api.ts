/**
 * `cdk8s-netpol/report`: the renderers of the CLI, by result. Their inputs come from
 * `cdk8s-netpol/analysis` (reach, explain, diff) and `cdk8s-netpol/manifests` (findings).
 */
export {
  renderDiffJson,
  renderDiffMarkdown,
  renderDiffText,
  renderExplainJson,
  renderExplainText,
  renderFindingsJson,
  renderFindingsText,
  renderPortMatrixJson,
  renderPortMatrixMarkdown,
  renderPortMatrixText,
  renderReachJson,
  renderReachMarkdown,
  renderReachSummary,
  renderReachText,
  writePortMatrixJson,
  renderDotGraph,
  renderHtmlGraph,
  renderMermaidGraph,
} from './index';
export type { ConnectivityGraph, GraphGrouping, GraphNode, GraphTextOptions, HtmlGraphOptions, TextSink } from './index';
