import { DirectionVerdict, Explanation, Peer, RuleRef, TierRuleRef, TierVerdict, formatProbe } from '../analysis';
import { parseEndpointId } from '../model';
import { terminalJson, textLine } from './escape';

/** The explanation of one flow (Analyzer.explain, workflows explainFlow), as text or JSON. */

/** `x/a` for an endpoint, `203.0.113.9 (external)` for an address outside the cluster. */
export function formatPeer(peer: Peer): string {
  return peer.kind === 'endpoint' ? peer.id : `${peer.ip} (external)`;
}

/** `production/allow-api-to-db spec.ingress[0]`. */
export function formatRuleRef(rule: RuleRef): string {
  return `${rule.policy} spec.${rule.direction}[${rule.ruleIndex}]`;
}

/** `ClusterNetworkPolicy/deny-metadata spec.egress[0] "deny-metadata" (Deny, Admin tier, priority 10)`. */
export function formatTierRuleRef(rule: TierRuleRef): string {
  const name = rule.name !== undefined ? ` ${JSON.stringify(rule.name)}` : '';
  const priority = rule.priority !== undefined ? `, priority ${rule.priority}` : '';
  return `${rule.kind}/${rule.policy} spec.${rule.direction}[${rule.ruleIndex}]${name} (${rule.action}, ${rule.tier} tier${priority})`;
}

/** The NetworkPolicy tier's lines: isolation, and the rules that allow (or that none does). */
function networkPolicyLines(verdict: DirectionVerdict, other: Peer, explanation: Explanation, networkPolicyAllows: boolean): string[] {
  if (!verdict.isolated) {
    return [`  not isolated (no policy in ${parseEndpointId(verdict.endpoint).namespace} selects it for ${verdict.direction})`];
  }
  const lines = [`  isolated by: ${verdict.selectedBy.join(', ')}`];
  if (networkPolicyAllows) {
    lines.push(...verdict.allowedBy.map((rule) => `  allowed by: ${formatRuleRef(rule)}`));
  } else {
    const peerWord = verdict.direction === 'egress' ? 'to' : 'from';
    lines.push(
      `  no ${verdict.direction} rule of these policies allows ${formatProbe(explanation.probe)} ${peerWord} ${formatPeer(other)}`,
    );
  }
  return lines;
}

/** What the admin and baseline tiers did: passes, the deciding tier and rule, or the ambiguity. */
function tierLines(tiers: TierVerdict, verdict: DirectionVerdict, other: Peer, explanation: Explanation): string[] {
  const lines = tiers.hairpin ? ['  not subject to ClusterNetworkPolicy: a pod reaching its own Pod IP (network-policy-api, hairpin traffic)'] : [];
  lines.push(...tiers.passedBy.map((rule) => `  passed by: ${formatTierRuleRef(rule)}`));
  if (tiers.ambiguity !== undefined) {
    lines.push(`  AMBIGUOUS: ${tiers.ambiguity}`);
    lines.push(...(tiers.ambiguousRules ?? []).map((rule) => `  rule involved: ${formatTierRuleRef(rule)}`));
    return lines;
  }
  switch (tiers.decidedBy) {
    case 'Admin':
    case 'Baseline':
      return [...lines, `  decided by the ${tiers.decidedBy} tier: ${formatTierRuleRef(tiers.decidingRule!)}`];
    case 'NetworkPolicy':
      return [...lines, '  decided by the NetworkPolicy tier', ...networkPolicyLines(verdict, other, explanation, verdict.allowed)];
    default:
      return [...lines, '  no tier decided: the default allows', ...networkPolicyLines(verdict, other, explanation, true)];
  }
}

function renderDirection(verdict: DirectionVerdict, other: Peer, explanation: Explanation): string[] {
  const side = verdict.direction === 'egress' ? `egress from ${verdict.endpoint}` : `ingress to ${verdict.endpoint}`;
  if (verdict.tiers) {
    const status = verdict.tiers.ambiguity !== undefined ? 'AMBIGUOUS' : verdict.allowed ? 'allowed' : 'DENIED';
    return [`${side}: ${status}`, ...tierLines(verdict.tiers, verdict, other, explanation)];
  }
  const status = verdict.allowed ? 'allowed' : 'DENIED';
  if (!verdict.isolated) {
    return [`${side}: ${status}: not isolated (no policy in ${parseEndpointId(verdict.endpoint).namespace} selects it for ${verdict.direction})`];
  }
  return [`${side}: ${status}`, ...networkPolicyLines(verdict, other, explanation, verdict.allowed)];
}

/**
 * The verdict for one flow, then each direction: whether the deciding endpoint is isolated,
 * by which policies, and which rules allow the flow (or that none does).
 */
export function renderExplainText(explanation: Explanation): string {
  const { from, to, probe } = explanation;
  const verdict = explanation.ambiguous ? 'AMBIGUOUS' : explanation.allowed ? 'ALLOWED' : 'DENIED';
  const lines = [`${formatPeer(from)} -> ${formatPeer(to)} on ${formatProbe(probe)}: ${verdict}`];
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
  return lines.map(textLine).join('\n') + '\n';
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
    ...(verdict.tiers ? { tiers: tiersJson(verdict.tiers) } : {}),
  };
}

function tiersJson(tiers: TierVerdict): object {
  const rule = (ref: TierRuleRef) => ({ ...ref, text: formatTierRuleRef(ref) });
  return {
    decidedBy: tiers.decidedBy ?? null,
    decidingRule: tiers.decidingRule ? rule(tiers.decidingRule) : null,
    passedBy: tiers.passedBy.map(rule),
    ...(tiers.ambiguity !== undefined ? { ambiguity: tiers.ambiguity, ambiguousRules: (tiers.ambiguousRules ?? []).map(rule) } : {}),
    ...(tiers.hairpin ? { hairpin: true } : {}),
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
    ...(explanation.ambiguous !== undefined ? { ambiguous: explanation.ambiguous } : {}),
    egress: directionJson(explanation.egress),
    ingress: directionJson(explanation.ingress),
    ...extra,
  };
  return terminalJson(JSON.stringify(data, null, 2)) + '\n';
}
