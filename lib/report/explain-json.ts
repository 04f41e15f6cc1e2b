import { DirectionVerdict, Explanation } from '../analysis/types';
import { formatRuleRef } from './explain-text';

function directionJson(verdict: DirectionVerdict | undefined): object | null {
  if (!verdict) {
    return null;
  }
  return {
    endpoint: verdict.endpoint,
    isolated: verdict.isolated,
    allowed: verdict.allowed,
    selectedBy: verdict.selectedBy,
    allowedBy: verdict.allowedBy.map((rule) => ({ ...rule, text: formatRuleRef(rule) })),
  };
}

/**
 * The explanation as JSON with a fixed key order; a direction judged outside the cluster is
 * null. `extra` holds further top-level fields (endpointNotesJson).
 */
export function renderExplainJson(explanation: Explanation, extra: object = {}): string {
  const data = {
    from: explanation.from,
    to: explanation.to,
    port: explanation.probe.port,
    protocol: explanation.probe.protocol,
    allowed: explanation.allowed,
    egress: directionJson(explanation.egress),
    ingress: directionJson(explanation.ingress),
    ...extra,
  };
  return JSON.stringify(data, null, 2) + '\n';
}
