import { DirectionVerdict, Explanation, Peer, RuleRef, formatProbe } from '../analysis';
import { parseEndpointId } from '../model';

/** The explanation of one flow (Analyzer.explain, workflows explainFlow), as text or JSON. */

/** `x/a` for an endpoint, `203.0.113.9 (external)` for an address outside the cluster. */
export function formatPeer(peer: Peer): string {
  return peer.kind === 'endpoint' ? peer.id : `${peer.ip} (external)`;
}

/** `production/allow-api-to-db spec.ingress[0]`. */
export function formatRuleRef(rule: RuleRef): string {
  return `${rule.policy} spec.${rule.direction}[${rule.ruleIndex}]`;
}

function renderDirection(verdict: DirectionVerdict, other: Peer, explanation: Explanation): string[] {
  const side = verdict.direction === 'egress' ? `egress from ${verdict.endpoint}` : `ingress to ${verdict.endpoint}`;
  const status = verdict.allowed ? 'allowed' : 'DENIED';
  if (!verdict.isolated) {
    return [`${side}: ${status}: not isolated (no policy in ${parseEndpointId(verdict.endpoint).namespace} selects it for ${verdict.direction})`];
  }
  const lines = [`${side}: ${status}`, `  isolated by: ${verdict.selectedBy.join(', ')}`];
  if (verdict.allowed) {
    lines.push(...verdict.allowedBy.map((rule) => `  allowed by: ${formatRuleRef(rule)}`));
  } else {
    const peerWord = verdict.direction === 'egress' ? 'to' : 'from';
    lines.push(
      `  no ${verdict.direction} rule of these policies allows ${formatProbe(explanation.probe)} ${peerWord} ${formatPeer(other)}`,
    );
  }
  return lines;
}

/**
 * The verdict for one flow, then each direction: whether the deciding endpoint is isolated,
 * by which policies, and which rules allow the flow (or that none does).
 */
export function renderExplainText(explanation: Explanation): string {
  const { from, to, probe } = explanation;
  const lines = [`${formatPeer(from)} -> ${formatPeer(to)} on ${formatProbe(probe)}: ${explanation.allowed ? 'ALLOWED' : 'DENIED'}`];
  if (explanation.egress) {
    lines.push(...renderDirection(explanation.egress, to, explanation));
  } else {
    lines.push(`egress: not judged (${formatPeer(from)} is outside the cluster)`);
  }
  if (explanation.ingress) {
    lines.push(...renderDirection(explanation.ingress, from, explanation));
  } else {
    lines.push(`ingress: not judged (${formatPeer(to)} is outside the cluster)`);
  }
  return lines.join('\n') + '\n';
}

/** One direction's verdict as JSON (rules with their text); null when the direction is not judged. */
export function directionJson(verdict: DirectionVerdict | undefined): object | null {
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

/** The explanation as JSON with a fixed key order; a direction judged outside the cluster is null. */
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
