import { ClusterModel } from '../model';
import { closestNames } from './did-you-mean';
import { EstateView, namedNamespaces, peerPath, rulesOf } from './estate-view';
import { ObjectFinding, policyFinding } from './object-finding';

/**
 * Peers that name a namespace (by `kubernetes.io/metadata.name`, with matchLabels or In) that
 * the model does not know but that is close to one it knows, when the input (or the app)
 * declares namespaces: a typo (`monitorng`), and the peer matches nothing. Known are the
 * declared namespaces, those any object lives in, and the ones Kubernetes creates (default,
 * kube-system, ...). A name far from every known one is not judged: policies name namespaces
 * that other teams own (`ingress-nginx`), which no input or app declares. Names excluded with
 * NotIn are not judged either: excluding a namespace that does not exist changes nothing.
 */
export function findUndeclaredNamespaces(model: ClusterModel, view: EstateView = new EstateView(model)): ObjectFinding[] {
  if (!view.declaresNamespaces()) {
    return [];
  }
  const known = view.knownNamespaces();
  const isKnown = new Set(known);
  const suggestions = new Map<string, string[]>();
  const closeTo = (name: string): string[] => {
    let close = suggestions.get(name);
    if (!close) {
      close = isKnown.has(name) ? [] : closestNames(name, known);
      suggestions.set(name, close);
    }
    return close;
  };
  const findings: ObjectFinding[] = [];
  for (const entry of model.policies) {
    for (const rule of [...rulesOf(entry, 'ingress'), ...rulesOf(entry, 'egress')]) {
      (rule.peers ?? []).forEach((peer, index) => {
        if (!peer.namespaceSelector) {
          return;
        }
        for (const { name, path } of namedNamespaces(peer.namespaceSelector, `${peerPath(rule, index)}.namespaceSelector`)) {
          const close = closeTo(name);
          if (close.length === 0) {
            continue;
          }
          const hint = `did you mean ${close.map((candidate) => `"${candidate}"`).join(' or ')}?`;
          findings.push(
            policyFinding(entry, {
              severity: 'warning',
              rule: 'undeclared-namespace',
              path,
              message: `namespace "${name}" is not declared and no object lives in it, so this peer matches no pod there; ${hint}`,
            }),
          );
        }
      });
    }
  }
  return findings;
}
