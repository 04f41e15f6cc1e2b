import { Explanation, ReachResult, formatProbe } from '../analysis';
import type { Protocol } from '../model';
import { renderExplainJson, renderExplainText } from './explain';
import { renderReachMarkdown, renderReachText } from './reach';
import { markdownText, terminalJson, textLine } from './escape';
import { renderMarkdownTable, renderTextTable } from './table';

/**
 * Flows to Services, answered on the pods and target ports the Services deliver to
 * (workflows service-flows.ts): `reach --to svc/...`, `explain --to svc/...`, and the ingress
 * controller's flows to each Ingress and route backend.
 */

/** Where one Service port delivers on some of its pods: one target port, one reach. */
export interface ServiceReachGroup {
  /** `svc/namespace/name:port`. */
  readonly service: string;
  /** The Service's targetPort as written: a number or a container port name. */
  readonly targetPort: number | string;
  /** Who reaches the pods on the port the targetPort resolves to on them. */
  readonly result: ReachResult;
}

/** Pods a Service port sends nothing to: its named targetPort does not resolve on them. */
export interface UnresolvedTargets {
  readonly service: string;
  readonly targetPort: string;
  readonly protocol: Protocol;
  readonly endpoints: readonly string[];
}

/** `reach --to svc/...`: one reach per target port the Service's ports resolve to. */
export interface ServiceReach {
  readonly groups: readonly ServiceReachGroup[];
  readonly unresolved: readonly UnresolvedTargets[];
}

function groupHeader(group: ServiceReachGroup): string {
  const named = typeof group.targetPort === 'string' ? ` (targetPort ${group.targetPort})` : '';
  return `${group.service} -> ${group.result.endpoints.length === 0 ? 'no pods' : 'its pods'} on ${formatProbe(group.result)}${named}`;
}

function unresolvedLine(entry: UnresolvedTargets): string {
  return `${entry.service}: targetPort ${entry.targetPort}/${entry.protocol} resolves on no container port of ${entry.endpoints.join(', ')}: the Service sends them nothing on it`;
}

/** When a named targetPort resolves to different numbers, the reach is split by number: say so. */
function splitNote(reach: ServiceReach): string[] {
  const services = reach.groups.map((group) => group.service);
  return [...new Set(services.filter((service, index) => services.indexOf(service) !== index))].map(
    (service) => `${service}: its targetPort resolves to different ports on different pods; each is reached on its own port`,
  );
}

export function renderServiceReachText(reach: ServiceReach): string {
  const sections = reach.groups.map((group) => `${textLine(groupHeader(group))}\n${renderReachText(group.result)}`);
  const notes = [...splitNote(reach), ...reach.unresolved.map(unresolvedLine)].map((line) => `note: ${textLine(line)}\n`);
  return sections.join('\n') + notes.join('');
}

export function renderServiceReachMarkdown(reach: ServiceReach): string {
  const sections = reach.groups.map((group) => `**${markdownText(groupHeader(group))}**\n\n${renderReachMarkdown(group.result)}`);
  const notes = [...splitNote(reach), ...reach.unresolved.map(unresolvedLine)].map((line) => `- ${markdownText(line)}\n`);
  return sections.join('\n') + (notes.length > 0 ? `\n${notes.join('')}` : '');
}

export function renderServiceReachJson(reach: ServiceReach, extra: object = {}): string {
  const data = {
    services: reach.groups.map((group) => ({
      service: group.service,
      targetPort: group.targetPort,
      port: group.result.port,
      protocol: group.result.protocol,
      endpoints: group.result.endpoints,
      allowed: group.result.allowed,
    })),
    unresolved: reach.unresolved,
    ...extra,
  };
  return terminalJson(JSON.stringify(data, null, 2)) + '\n';
}

/** `{"endpoints": E, "allowed": K}` over every group, as renderReachSummary counts. */
export function renderServiceReachSummary(reach: ServiceReach): string {
  const endpoints = new Set(reach.groups.flatMap((group) => group.result.endpoints));
  const allowed = reach.groups.reduce((sum, group) => sum + group.result.allowed.length, 0);
  return JSON.stringify({ endpoints: endpoints.size, allowed }) + '\n';
}

/** `explain --to svc/...`: the flow to each pod of the Service on the port it delivers to there. */
export interface ServiceExplanation {
  /** `svc/namespace/name:port`. */
  readonly service: string;
  readonly targetPort: number | string;
  readonly explanation: Explanation;
}

export function renderServiceExplainText(explanations: readonly ServiceExplanation[], unresolved: readonly UnresolvedTargets[] = []): string {
  const sections = explanations.map(({ service, targetPort, explanation }) => {
    const named = typeof targetPort === 'string' ? ` (targetPort ${targetPort})` : '';
    const header = `${service} delivers to ${explanation.to.kind === 'endpoint' ? explanation.to.id : ''} on ${formatProbe(explanation.probe)}${named}`;
    return `${textLine(header)}\n${renderExplainText(explanation)}`;
  });
  return sections.join('\n') + unresolved.map((entry) => `note: ${textLine(unresolvedLine(entry))}\n`).join('');
}

export function renderServiceExplainJson(explanations: readonly ServiceExplanation[], unresolved: readonly UnresolvedTargets[] = [], extra: object = {}): string {
  const data = {
    services: explanations.map(({ service, targetPort, explanation }) => ({ service, targetPort, ...JSON.parse(renderExplainJson(explanation)) })),
    unresolved,
    ...extra,
  };
  return terminalJson(JSON.stringify(data, null, 2)) + '\n';
}

/** One flow from the ingress controller to a pod behind an Ingress or route backend. */
export interface IngressControllerFlow {
  /** The referring object: `Ingress shop/shop`. */
  readonly via: string;
  /** `svc/namespace/name:port` as the backend names it. */
  readonly backend: string;
  /** The controller endpoint, its stand-in (`ns/key=value`) or `{ingress-controller}`. */
  readonly from: string;
  /** The backend pod; empty when the backend reaches no pod (see `note`). */
  readonly to: string;
  readonly port?: number;
  readonly protocol?: Protocol;
  readonly allowed: boolean;
  /**
   * Why there is no verdict: the Service is not in the inputs, has no such port or no
   * selector, or the targetPort does not resolve on the pod.
   * @default none
   */
  readonly note?: string;
}

function flowRow(flow: IngressControllerFlow): string[] {
  const verdict = flow.note !== undefined ? '-' : flow.allowed ? 'allowed' : 'DENIED';
  const port = flow.port === undefined ? '-' : `${flow.protocol}/${flow.port}`;
  return [flow.via, flow.backend, flow.from, flow.to || '-', port, verdict, flow.note ?? ''];
}

const FLOW_HEADER = ['VIA', 'BACKEND', 'FROM', 'TO', 'PORT', 'VERDICT', 'NOTE'];

/** The ingress controller's flows to the backends, as a table after the reach. */
export function renderIngressControllerFlowsText(flows: readonly IngressControllerFlow[]): string {
  if (flows.length === 0) {
    return '';
  }
  return `\ningress controller to backends (on each backend's target port):\n${renderTextTable(FLOW_HEADER, flows.map(flowRow))}`;
}

export function renderIngressControllerFlowsMarkdown(flows: readonly IngressControllerFlow[]): string {
  if (flows.length === 0) {
    return '';
  }
  return `\n**Ingress controller to backends** (on each backend's target port)\n\n${renderMarkdownTable(FLOW_HEADER, flows.map((flow) => flowRow(flow).map(markdownText)))}`;
}

/** The flows as a JSON key of the reach output (empty when there are none). */
export function ingressControllerFlowsJson(flows: readonly IngressControllerFlow[]): object {
  return flows.length === 0 ? {} : { ingressController: flows };
}
