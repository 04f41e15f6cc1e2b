import { ClusterModel, Endpoint, PolicyEntry, PolicyType, endpointId, isEmptySelector } from '../model';
import { EstateView, LocatedRule, peerPath, portsOverlap, rulesOf } from './estate-view';
import { ObjectFinding, policyFinding } from './object-finding';

/** How many endpoint pairs a finding names before "and N more". */
const LISTED = 3;

/** One direction of the check: the side the rule is written on, and the side that must agree. */
interface Side {
  readonly direction: 'ingress' | 'egress';
  /** The direction the other side must allow the flow in. */
  readonly other: PolicyType;
  readonly otherDirection: 'ingress' | 'egress';
  readonly describe: (pairs: string, missing: string) => string;
}

const EGRESS_SIDE: Side = {
  direction: 'egress',
  other: 'Ingress',
  otherDirection: 'ingress',
  describe: (pairs, missing) =>
    `allows the flow ${pairs}, but ${missing} isolated for ingress and no policy admits the source on these ports: the flow is half open, ` +
    'so it is denied; add the ingress side (AllowFrom on the destination), or write both sides with AllowTraffic',
};

const INGRESS_SIDE: Side = {
  direction: 'ingress',
  other: 'Egress',
  otherDirection: 'egress',
  describe: (pairs, missing) =>
    `admits the flow ${pairs}, but ${missing} isolated for egress and no policy lets it send to the destination on these ports: the flow is ` +
    'half open, so it is denied; add the egress side (AllowTo on the source), or write both sides with AllowTraffic',
};

/**
 * Flows one side allows and the other denies: a rule that names specific pods as its peer (a
 * non-empty podSelector), between known endpoints, where a peer is isolated in the other
 * direction and none of its policies allows the flow back, on a port in common, for any of the
 * pods the rule's policy selects. Egress from A to B with B ingress-isolated and admitting
 * none of the A; ingress to B from A with A egress-isolated and sending to none of the B. A
 * peer that admits some of the pods is taken as meant (broad egress, narrow ingress is a
 * common design), and so are peers that are whole namespaces or address ranges (a rule "to
 * every pod of shop" does not mean every pod must admit it). Pods to themselves and hostNetwork
 * pods are not judged; the admin tier is not taken into account.
 */
export function findHalfOpenFlows(model: ClusterModel, view: EstateView = new EstateView(model)): ObjectFinding[] {
  const isolating = { Ingress: new Map<Endpoint, PolicyEntry[]>(), Egress: new Map<Endpoint, PolicyEntry[]>() };
  const isolatingOf = (endpoint: Endpoint, type: PolicyType): PolicyEntry[] => {
    let entries = isolating[type].get(endpoint);
    if (!entries) {
      entries = view.isolatingPolicies(endpoint, type);
      isolating[type].set(endpoint, entries);
    }
    return entries;
  };
  const findings: ObjectFinding[] = [];
  for (const entry of model.policies) {
    const namespace = entry.policy.metadata.namespace ?? '';
    const selected = view.endpointsIn(namespace).filter((endpoint) => !endpoint.hostNetwork && view.matcher(entry.policy.spec.podSelector ?? {})(endpoint.labels));
    if (selected.length === 0) {
      continue;
    }
    for (const side of [EGRESS_SIDE, INGRESS_SIDE]) {
      for (const rule of rulesOf(entry, side.direction)) {
        (rule.peers ?? []).forEach((peer, index) => {
          if (peer.ipBlock || !peer.podSelector || isEmptySelector(peer.podSelector)) {
            return;
          }
          const peers = view.endpointsMatching(peer, namespace).filter((endpoint) => !endpoint.hostNetwork);
          const pairs: { own: Endpoint; peer: Endpoint }[] = [];
          for (const other of peers) {
            const theirs = isolatingOf(other, side.other);
            if (theirs.length === 0 || selected.some((own) => own !== other && allowsBack(view, theirs, side, own, rule))) {
              continue;
            }
            pairs.push(...selected.filter((own) => own !== other).map((own) => ({ own, peer: other })));
          }
          if (pairs.length > 0) {
            findings.push(policyFinding(entry, { severity: 'warning', rule: 'half-open-flow', path: peerPath(rule, index), message: message(side, pairs) }));
          }
        });
      }
    }
  }
  return findings;
}

/** Whether one of the other side's policies allows the flow in its direction on a port the rule names. */
function allowsBack(view: EstateView, theirs: readonly PolicyEntry[], side: Side, own: Endpoint, rule: LocatedRule): boolean {
  return theirs.some((entry) =>
    rulesOf(entry, side.otherDirection).some((back) => portsOverlap(back.ports, rule.ports) && view.ruleMatches(back, own)),
  );
}

function message(side: Side, pairs: readonly { own: Endpoint; peer: Endpoint }[]): string {
  const flows = pairs.map(({ own, peer }) =>
    side.direction === 'egress' ? `${endpointId(own)} -> ${endpointId(peer)}` : `${endpointId(peer)} -> ${endpointId(own)}`,
  );
  const listed = flows.slice(0, LISTED).join(', ') + (flows.length > LISTED ? ` and ${flows.length - LISTED} more` : '');
  const missing = [...new Set(pairs.map(({ peer }) => endpointId(peer)))];
  return side.describe(listed, `${missing.slice(0, LISTED).join(', ')}${missing.length > LISTED ? ' and others' : ''} ${missing.length === 1 ? 'is' : 'are'}`);
}
