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
  buildConnectivityGraph,
  renderDotGraph,
  renderHtmlGraph,
  renderMermaidGraph,
  explainFlows,
} from './index';
export type { ConnectivityGraph, ExplainedFlow, GraphNode, GraphOptions, HtmlGraphOptions, TextSink } from './index';
