import { ClusterModel, LabelSelector, NAMESPACE_NAME_LABEL } from '../model';
import { closestNames } from './did-you-mean';
import { EstateView, peerPath, rulesOf } from './estate-view';
import { ObjectFinding, policyFinding } from './object-finding';

/** How many known namespaces a finding lists when none is close to the name. */
const LISTED = 8;

/** The namespace names a selector requires by `kubernetes.io/metadata.name` (`matchLabels` or `In`), each with its field path. */
function namedNamespaces(selector: LabelSelector, path: string): { readonly name: string; readonly path: string }[] {
  const named: { name: string; path: string }[] = [];
  const byLabel = selector.matchLabels?.[NAMESPACE_NAME_LABEL];
  if (byLabel !== undefined) {
    named.push({ name: byLabel, path: `${path}.matchLabels` });
  }
  (selector.matchExpressions ?? []).forEach((expression, index) => {
    if (expression.key === NAMESPACE_NAME_LABEL && expression.operator === 'In') {
      named.push(...(expression.values ?? []).map((name) => ({ name, path: `${path}.matchExpressions[${index}].values` })));
    }
  });
  return named;
}

/**
 * Peers that name a namespace (by `kubernetes.io/metadata.name`, with matchLabels or In) that
 * the model does not know, when the input (or the app) declares namespaces: usually a typo,
 * and the peer matches nothing. Known are the declared namespaces, those any object of the
 * input lives in, and the ones Kubernetes creates (default, kube-system, ...). Names excluded
 * with NotIn are not judged: excluding a namespace that does not exist changes nothing.
 */
export function findUndeclaredNamespaces(model: ClusterModel, view: EstateView = new EstateView(model)): ObjectFinding[] {
  if (!view.declaresNamespaces()) {
    return [];
  }
  const known = view.knownNamespaces();
  const findings: ObjectFinding[] = [];
  for (const entry of model.policies) {
    for (const rule of [...rulesOf(entry, 'ingress'), ...rulesOf(entry, 'egress')]) {
      (rule.peers ?? []).forEach((peer, index) => {
        if (!peer.namespaceSelector) {
          return;
        }
        for (const { name, path } of namedNamespaces(peer.namespaceSelector, `${peerPath(rule, index)}.namespaceSelector`)) {
          if (known.includes(name)) {
            continue;
          }
          const close = closestNames(name, known);
          const hint =
            close.length > 0
              ? `did you mean ${close.map((candidate) => `"${candidate}"`).join(' or ')}?`
              : `known: ${known.slice(0, LISTED).join(', ')}${known.length > LISTED ? ', ...' : ''}`;
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
