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
  renderFindingsJunit,
  renderFindingsSarif,
  renderFindingsText,
  renderJunit,
  renderSarif,
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
export type { FieldPosition, ManifestFinding } from '../manifests/public-api';
export type { Acknowledgement, AcknowledgementSource, Finding, RULES, RuleId, Severity } from '../validate/public-api';
export type {
  ConnectivityGraph,
  ExplainedFlow,
  FindingsJunitOptions,
  GraphNode,
  GraphOptions,
  HtmlGraphOptions,
  JunitCase,
  JunitSuite,
  ReviewedFinding,
  SarifLevel,
  SarifResultInput,
  SarifRuleInput,
  SarifToolInput,
  TextSink,
} from './index';
