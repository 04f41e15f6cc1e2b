import { ClusterModel, Endpoint, NetworkPolicyPeer, isEmptySelector, selectorKey } from '../model';
import { EstateView, LocatedRule, peerPath, rulesOf } from './estate-view';
import { ObjectFinding, policyFinding } from './object-finding';

/** A peer of a rule, located. */
interface LocatedPeer {
  readonly rule: LocatedRule;
  readonly peer: NetworkPolicyPeer;
  readonly path: string;
}

function peersOf(view: EstateView): LocatedPeer[] {
  return view.model.policies.flatMap((entry) =>
    [...rulesOf(entry, 'ingress'), ...rulesOf(entry, 'egress')].flatMap((rule) =>
      (rule.peers ?? []).map((peer, index) => ({ rule, peer, path: peerPath(rule, index) })),
    ),
  );
}

function namespaceList(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}

/**
 * Peers whose podSelector matches no known workload where they look for pods: the policy's
 * own namespace for a podSelector alone, the namespaces the namespaceSelector matches for
 * both. Judged only where every namespace looked in has known endpoints (where the model
 * knows no workloads, silence is the honest answer) and some namespace is looked in.
 *
 * A peer with namespaceSelector AND podSelector whose namespaces hold no matching pod while
 * pods elsewhere do match is `peer-and-or`: the two selectors were probably meant as two
 * peers (an OR), so the finding asks. Otherwise it is `unmatched-peer-selector`.
 */
export function findUnmatchedPeerSelectors(model: ClusterModel, view: EstateView = new EstateView(model)): ObjectFinding[] {
  const findings: ObjectFinding[] = [];
  for (const { rule, peer, path } of peersOf(view)) {
    if (peer.ipBlock || !peer.podSelector || isEmptySelector(peer.podSelector)) {
      continue;
    }
    const policyNamespace = rule.entry.policy.metadata.namespace ?? '';
    const namespaces = peer.namespaceSelector ? view.namespacesMatching(peer.namespaceSelector) : [policyNamespace];
    const lookedIn = namespaces.map((namespace) => view.endpointsIn(namespace));
    if (namespaces.length === 0 || lookedIn.some((endpoints) => endpoints.length === 0)) {
      continue;
    }
    // The namespaces looked in are those the peer selects, so the pod selector decides.
    const candidates = lookedIn.flat();
    const matchesPods = view.matcher(peer.podSelector);
    if (candidates.some((endpoint) => matchesPods(endpoint.labels))) {
      continue;
    }
    const pods = selectorKey(peer.podSelector);
    const elsewhere = peer.namespaceSelector ? matchingElsewhere(view, peer, namespaces) : [];
    if (elsewhere.length > 0) {
      const others = [...new Set(elsewhere.map((endpoint) => endpoint.namespace))];
      findings.push(
        policyFinding(rule.entry, {
          severity: 'warning',
          rule: 'peer-and-or',
          path,
          message:
            `did you mean namespaceSelector OR podSelector? In one peer they are an AND, and no pod with ${pods} runs in the namespaces ` +
            `it selects (${namespaceList(namespaces)}), though pods with it run in ${namespaceList(others)}; for either one, write two peers ` +
            '(`- namespaceSelector: ...` and `- podSelector: ...`)',
        }),
      );
      continue;
    }
    findings.push(
      policyFinding(rule.entry, {
        severity: 'warning',
        rule: 'unmatched-peer-selector',
        path: `${path}.podSelector`,
        message:
          `matches none of the ${candidates.length} known workloads in ${namespaces.length === 1 ? 'namespace' : 'namespaces'} ` +
          `${namespaceList(namespaces)}, so this peer matches no pod; check the labels`,
      }),
    );
  }
  return findings;
}

/** Known endpoints outside `namespaces` that the peer's podSelector matches. */
function matchingElsewhere(view: EstateView, peer: NetworkPolicyPeer, namespaces: readonly string[]): Endpoint[] {
  const matches = view.matcher(peer.podSelector ?? {});
  return view.model.endpoints.filter((endpoint) => !namespaces.includes(endpoint.namespace) && matches(endpoint.labels));
}
