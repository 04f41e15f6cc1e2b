import { Analyzer, DirectionVerdict, Explanation, FlowChange, Peer, PortProbe, PortSet, gainedPorts, lostPorts } from '../analysis';
import { ClusterModel, PROTOCOLS } from '../model';
import type { DiffGate, LocatedDiffGate, LocatedFlowChange } from '../report';
import { FilePositions, ManifestLocator, ModelPlace } from './manifest-locator';

/** The lowest port of the set, as a probe: a row is located by the rules that judge one of its ports. */
function firstProbe(ports: PortSet): PortProbe | undefined {
  const protocol = PROTOCOLS.find((each) => ports[each].length > 0);
  return protocol ? { protocol, port: ports[protocol][0].from } : undefined;
}

/** An end of a change as a peer: the endpoint, or the first address of the outside run it stands for. */
function peerOf(change: FlowChange, end: 'from' | 'to'): Peer {
  if (change.outside?.end === end) {
    return { kind: 'external', ip: change.outside.cidrs[0].split('/')[0] };
  }
  return { kind: 'endpoint', id: change[end] };
}

function sides(explanation: Explanation): DirectionVerdict[] {
  return [explanation.egress, explanation.ingress].filter((verdict): verdict is DirectionVerdict => verdict !== undefined);
}

/** The side of the same direction in the other explanation. */
function sameSide(explanation: Explanation | undefined, verdict: DirectionVerdict): DirectionVerdict | undefined {
  return explanation ? (verdict.direction === 'egress' ? explanation.egress : explanation.ingress) : undefined;
}

/** `ingress to shop/db`, `egress from shop/web`. */
function sideName(verdict: DirectionVerdict): string {
  return verdict.direction === 'ingress' ? `ingress to ${verdict.endpoint}` : `egress from ${verdict.endpoint}`;
}

/**
 * Places the verdicts of the new side name for a flow: the two explanations (new, and old when
 * both ends existed) of one port the change concerns. For a flow newly allowed: the rules that
 * allow it on each side that did not allow it before (an admin-tier Accept, or the
 * NetworkPolicy rules). For one newly denied: on each side that denies it now and did not,
 * the admin-tier Deny, else the policies that newly isolate it, else those whose rules allowed
 * it before, else every isolating policy.
 */
function placesOf(locator: ManifestLocator, now: Explanation, was: Explanation | undefined, allowed: boolean): ModelPlace[] {
  const changed = sides(now).filter((verdict) => verdict.allowed === allowed && sameSide(was, verdict)?.allowed !== allowed);
  const chosen = changed.length > 0 ? changed : sides(now).filter((verdict) => verdict.allowed === allowed);
  return chosen.flatMap((verdict): (ModelPlace | undefined)[] => {
    const tierRule = verdict.tiers?.decidingRule;
    if (tierRule && (tierRule.action === 'Deny') !== allowed) {
      const note = `${allowed ? 'allows' : 'denies'} ${sideName(verdict)} (${tierRule.action}, ${tierRule.tier} tier)`;
      return [locator.tierPolicy(tierRule.kind, tierRule.policy, `spec.${tierRule.direction}[${tierRule.ruleIndex}]`, note)];
    }
    if (allowed) {
      return verdict.allowedBy.map((rule) => locator.policy(rule.policy, `spec.${rule.direction}[${rule.ruleIndex}]`, `allows ${sideName(verdict)}`));
    }
    const before = sameSide(was, verdict);
    const newlyIsolating = verdict.selectedBy.filter((policy) => !(before?.selectedBy ?? []).includes(policy));
    if (newlyIsolating.length > 0) {
      return newlyIsolating.map((policy) => locator.policy(policy, 'spec.podSelector', `now isolates ${verdict.endpoint} for ${verdict.direction}`));
    }
    const formerlyAllowing = [...new Set((before?.allowedBy ?? []).map((rule) => rule.policy))].filter((policy) => verdict.selectedBy.includes(policy));
    if (formerlyAllowing.length > 0) {
      return formerlyAllowing.map((policy) => locator.policy(policy, `spec.${verdict.direction}`, `allowed ${sideName(verdict)} before, no longer does`));
    }
    return verdict.selectedBy.map((policy) => locator.policy(policy, 'spec.podSelector', `isolates ${verdict.endpoint} for ${verdict.direction}`));
  }).filter((place): place is ModelPlace => place !== undefined);
}

/**
 * The gates of a diff with each flow located in the new side's files: at the rules that newly
 * allow it, or the policies that newly deny it (see placesOf), judged on the lowest port the
 * change concerns. A flow that no policy of the new side accounts for (its side is not
 * isolated) points at the new workload, or nowhere.
 */
export async function locateDiffGates(gates: readonly DiffGate[], models: { readonly before: ClusterModel; readonly after: ClusterModel }): Promise<LocatedDiffGate[]> {
  const before = new Analyzer(models.before);
  const after = new Analyzer(models.after);
  const existedBefore = new Set(before.endpointIds());
  const locator = new ManifestLocator(models.after, new FilePositions());
  const locate = async (change: FlowChange, allowed: boolean): Promise<LocatedFlowChange> => {
    const probe = firstProbe(allowed ? gainedPorts(change) : lostPorts(change));
    if (!probe) {
      return { change, locations: [] };
    }
    const from = peerOf(change, 'from');
    const to = peerOf(change, 'to');
    const bothBefore = [from, to].every((peer) => peer.kind === 'external' || existedBefore.has(peer.id));
    const now = after.explain(from, to, probe);
    const was = bothBefore ? before.explain(from, to, probe) : undefined;
    const places = placesOf(locator, now, was, allowed);
    const fallback = [from, to].flatMap((peer) => (peer.kind === 'endpoint' && !existedBefore.has(peer.id) ? [locator.endpoint(peer.id, 'the workload is new')] : []));
    const chosen = places.length > 0 ? places : fallback.filter((place): place is ModelPlace => place !== undefined);
    return { change, locations: await locator.locate(chosen) };
  };
  return Promise.all(
    gates.map(async (gate) => ({ ...gate, flows: await Promise.all(gate.flows.map((change) => locate(change, gate.rule !== 'diff-flow-removed'))) })),
  );
}
