import { validateDnsLabelName, validateDnsSubdomainName } from './dns-name';
import { invalid, required, warning } from './field-error';
import { childPath } from './field-path';
import { FieldError, Finding, inRule } from './finding';
import { qualifiedNameErrors, validateLabels } from './label';
import { isAbsent, isObject, unknownFields, wrongType } from './shape';

/** metadata of an object, as the API server's ValidateObjectMeta checks it. */

/** Whether the kind lives in a namespace (NetworkPolicy) or in the cluster (ClusterNetworkPolicy). */
export type ObjectScope = 'Namespaced' | 'Cluster';

const RULE = 'api-object-meta';

const OBJECT_META_FIELDS = [
  'name',
  'generateName',
  'namespace',
  'labels',
  'annotations',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'ownerReferences',
  'finalizers',
  'managedFields',
  'selfLink',
];

function validateAnnotations(value: unknown, path: string): FieldError[] {
  if (isAbsent(value)) {
    return [];
  }
  if (!isObject(value)) {
    return [wrongType(path, value, 'a map of annotation keys to string values')];
  }
  return Object.entries(value).flatMap(([key, text]) => [
    // Annotation keys are checked case-insensitively.
    ...qualifiedNameErrors(key.toLowerCase(), 'an annotation key').map((message) => invalid(path, key, message)),
    ...(typeof text === 'string' || isAbsent(text) ? [] : [wrongType(path, text, 'a string (quote numbers and booleans in YAML)')]),
  ]);
}

/**
 * Validates untrusted metadata at `path`; names must be DNS-1123 subdomains. For a
 * cluster-scoped kind the API server clears a namespace on create, so one set is a warning.
 */
export function validateObjectMeta(value: unknown, path: string, scope: ObjectScope = 'Namespaced'): Finding[] {
  const namePath = childPath(path, 'name');
  const namespacePath = childPath(path, 'namespace');
  if (isAbsent(value)) {
    return inRule(RULE, [required(namePath, 'name or generateName is required')]);
  }
  if (!isObject(value)) {
    return inRule(RULE, [wrongType(path, value, 'an object with name and namespace')]);
  }
  const findings: FieldError[] = [];
  if (!isAbsent(value.generateName) && typeof value.generateName !== 'string') {
    findings.push(wrongType(childPath(path, 'generateName'), value.generateName, 'a string'));
  }
  if (isAbsent(value.name) || value.name === '') {
    if (isAbsent(value.generateName) || value.generateName === '') {
      findings.push(required(namePath, 'name or generateName is required'));
    }
  } else {
    findings.push(...validateDnsSubdomainName(value.name, namePath));
  }
  if (scope === 'Cluster') {
    if (!isAbsent(value.namespace) && value.namespace !== '') {
      findings.push(warning(namespacePath, 'is ignored: this kind is cluster-scoped, so the API server drops the namespace; remove it', 'namespace-ignored'));
    }
  } else if (isAbsent(value.namespace) || value.namespace === '') {
    findings.push(
      warning(namespacePath, 'is not set, so the policy lands in whatever namespace kubectl targets (often "default"); set it', 'namespace-unset'),
    );
  } else {
    findings.push(...validateDnsLabelName(value.namespace, namespacePath));
  }
  findings.push(...validateLabels(value.labels, childPath(path, 'labels')));
  findings.push(...validateAnnotations(value.annotations, childPath(path, 'annotations')));
  findings.push(...unknownFields(value, path, OBJECT_META_FIELDS));
  return inRule(RULE, findings);
}
