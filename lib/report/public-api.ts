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
  renderDotGraph,
  renderHtmlGraph,
  renderMermaidGraph,
} from './index';
export type {
  ConnectivityGraph,
  DiffGate,
  DiffGateRule,
  DiffMarkdownOptions,
  FindingsJunitOptions,
  GraphGrouping,
  GraphNode,
  GraphTextOptions,
  HtmlGraphOptions,
  JunitCase,
  JunitSuite,
  ReviewedFinding,
  SarifLevel,
  SarifRelatedInput,
  SarifResultInput,
  SarifRuleInput,
  SarifToolInput,
  TextSink,
} from './index';
// What the renderers take, so this entry is complete without /analysis and /manifests.
export type * from '../analysis/public-api';
export type { FieldPosition, ManifestFinding } from '../manifests';
export type { Acknowledgement, AcknowledgementSource, Finding, RuleId, Severity } from '../validate';
export { RULES } from '../validate';
