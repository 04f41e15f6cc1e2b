import { NAMESPACE_NAME_LABEL } from '../model';
import { forbidden, required, warning } from './field-error';
import { childPath, indexPath } from './field-path';
import { FieldError, Finding, inRule } from './finding';
import { validateIpBlock } from './ip-block';
import { validateLabelSelector } from './label-selector';
import { isAbsent, isObject, unknownFields, wrongType } from './shape';

/** One entry of a rule's `from`/`to`, as the API server's ValidateNetworkPolicyPeer checks it. */

const RULE = 'api-peer';
const PEER_FIELDS = ['podSelector', 'namespaceSelector', 'ipBlock'];

/** The label people expect Kubernetes to set on namespaces, and it does not. */
const UNSET_NAMESPACE_LABEL = 'name';
const NAME_LABEL_ADVICE =
  `selects namespaces by the label "${UNSET_NAMESPACE_LABEL}", which Kubernetes never sets, so it matches only namespaces ` +
  `labelled by hand; select on "${NAMESPACE_NAME_LABEL}" (set on every namespace) instead`;

/** Warns when a namespaceSelector relies on the `name` label. */
function nameLabelWarnings(selector: unknown, path: string): Finding[] {
  if (!isObject(selector)) {
    return [];
  }
  const findings: Finding[] = [];
  const { matchLabels, matchExpressions } = selector;
  if (isObject(matchLabels) && Object.prototype.hasOwnProperty.call(matchLabels, UNSET_NAMESPACE_LABEL)) {
    findings.push(warning(childPath(path, 'matchLabels'), NAME_LABEL_ADVICE, 'namespace-name-label'));
  }
  if (Array.isArray(matchExpressions)) {
    matchExpressions.forEach((expression, i) => {
      if (isObject(expression) && expression.key === UNSET_NAMESPACE_LABEL) {
        findings.push(warning(childPath(indexPath(childPath(path, 'matchExpressions'), i), 'key'), NAME_LABEL_ADVICE, 'namespace-name-label'));
      }
    });
  }
  return findings;
}

/** Validates an untrusted NetworkPolicyPeer at `path` (e.g. `spec.ingress[0].from[2]`). */
export function validateNetworkPolicyPeer(value: unknown, path: string): Finding[] {
  if (isAbsent(value)) {
    return inRule(RULE, [required(path, 'must specify a peer: podSelector, namespaceSelector (both at once for an AND) or ipBlock')]);
  }
  if (!isObject(value)) {
    return inRule(RULE, [wrongType(path, value, 'an object with podSelector, namespaceSelector or ipBlock')]);
  }
  const findings: FieldError[] = [];
  const set = PEER_FIELDS.filter((field) => !isAbsent(value[field]));
  if (set.length === 0) {
    findings.push(required(path, 'must specify a peer: podSelector, namespaceSelector (both at once for an AND) or ipBlock'));
  } else if (set.length > 1 && set.includes('ipBlock')) {
    findings.push(forbidden(path, 'may not specify both ipBlock and another peer; use separate peers'));
  }
  const podSelectorPath = childPath(path, 'podSelector');
  const namespaceSelectorPath = childPath(path, 'namespaceSelector');
  findings.push(...validateLabelSelector(value.podSelector, podSelectorPath));
  findings.push(...validateLabelSelector(value.namespaceSelector, namespaceSelectorPath));
  findings.push(...nameLabelWarnings(value.namespaceSelector, namespaceSelectorPath));
  if (!isAbsent(value.ipBlock)) {
    findings.push(...validateIpBlock(value.ipBlock, childPath(path, 'ipBlock')));
  }
  findings.push(...unknownFields(value, path, PEER_FIELDS));
  return inRule(RULE, findings);
}
