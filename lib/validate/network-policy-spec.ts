import { Direction } from '../model';
import { invalid, notSupported, warning } from './field-error';
import { childPath, indexPath } from './field-path';
import { FieldError, Finding, inRule } from './finding';
import { validateLabelSelector } from './label-selector';
import { validateNetworkPolicyRule } from './network-policy-rule';
import { isAbsent, isObject, unknownFields, validateList, wrongType } from './shape';

/** The spec of a NetworkPolicy, as the API server's ValidateNetworkPolicySpec checks it, plus lint. */

const RULE = 'api-policy-spec';
const SPEC_FIELDS = ['podSelector', 'policyTypes', 'ingress', 'egress'];
const POLICY_TYPES = ['Ingress', 'Egress'];
const DIRECTIONS: readonly Direction[] = ['ingress', 'egress'];
const POLICY_TYPE_OF: Readonly<Record<Direction, string>> = { ingress: 'Ingress', egress: 'Egress' };

function validatePolicyTypes(value: unknown, path: string): FieldError[] {
  if (isAbsent(value)) {
    return [];
  }
  if (!Array.isArray(value)) {
    return [wrongType(path, value, 'a list of "Ingress" and/or "Egress"')];
  }
  if (value.length > POLICY_TYPES.length) {
    return [invalid(path, value, 'may not specify more than two policyTypes')];
  }
  const findings: FieldError[] = [];
  value.forEach((type, i) => {
    const itemPath = indexPath(path, i);
    if (!POLICY_TYPES.includes(type as string)) {
      // A null element of the []PolicyType slice decodes as "".
      findings.push(notSupported(itemPath, type ?? '', POLICY_TYPES));
    } else if (value.indexOf(type) < i) {
      findings.push(warning(itemPath, `Duplicate value: ${JSON.stringify(type)}: listed twice; list each direction once`, 'duplicate-policy-type'));
    }
  });
  return findings;
}

/** Rules of a direction that explicit policyTypes leave out: Kubernetes ignores them. */
function ignoredRulesWarning(spec: Readonly<Record<string, unknown>>, path: string, direction: Direction): Finding[] {
  const { policyTypes } = spec;
  const rules = spec[direction];
  const type = POLICY_TYPE_OF[direction];
  if (!Array.isArray(policyTypes) || policyTypes.length === 0 || policyTypes.includes(type) || !Array.isArray(rules) || rules.length === 0) {
    return [];
  }
  return [warning(path, `${direction} rules are ignored because spec.policyTypes does not include "${type}"; add it or remove the rules`, 'ignored-rules')];
}

/** Validates an untrusted NetworkPolicySpec at `path` (normally `spec`). */
export function validateNetworkPolicySpec(value: unknown, path: string): Finding[] {
  if (isAbsent(value)) {
    return [
      warning(path, 'is missing, which Kubernetes reads as {}: every pod of the namespace is isolated for ingress and nothing may connect to it; write `spec: {podSelector: {}}` if that is intended', 'missing-spec'),
    ];
  }
  if (!isObject(value)) {
    return inRule(RULE, [wrongType(path, value, 'a NetworkPolicySpec object with podSelector, policyTypes, ingress and egress')]);
  }
  const findings: FieldError[] = [
    ...validateLabelSelector(value.podSelector, childPath(path, 'podSelector')),
    ...validatePolicyTypes(value.policyTypes, childPath(path, 'policyTypes')),
  ];
  for (const direction of DIRECTIONS) {
    const rulesPath = childPath(path, direction);
    findings.push(...ignoredRulesWarning(value, rulesPath, direction));
    const validateRule = (rule: unknown, rulePath: string): FieldError[] => validateNetworkPolicyRule(rule, rulePath, direction);
    findings.push(...validateList(value[direction], rulesPath, `${direction} rules`, validateRule));
  }
  findings.push(...unknownFields(value, path, SPEC_FIELDS));
  return inRule(RULE, findings);
}
