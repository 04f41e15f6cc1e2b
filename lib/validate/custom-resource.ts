import { invalid, required } from './field-error';
import { CelRule, CrdValidationOptions, ObjectSchema, validateAgainstCrdSchema } from './crd-schema';
import { Finding, inRule } from './finding';
import { validateObjectMeta } from './object-meta';
import { isAbsent, isObject, unknownFields, wrongType } from './shape';
import { validateTypeMeta } from './type-meta';

/** A cluster-scoped custom resource kind: what `validateCustomResource` checks an object against. */
export interface ClusterCustomResourceKind {
  readonly apiVersion: string;
  readonly kind: string;
  /** The CRD's schema of `spec` (required by every kind here). */
  readonly spec: ObjectSchema;
  /** x-kubernetes-validations on the whole object. @default none */
  readonly rules?: readonly CelRule[];
}

/** `status` is accepted (and ignored): the status subresource owns it, and cluster dumps carry it. */
const TOP_LEVEL_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec', 'status'];

/**
 * The API server writes a failed rule on the whole object at a nil field path, which prints as
 * `<nil>` (`<nil>: Invalid value: "object": ...`).
 */
export const ROOT_PATH = '<nil>';

const RULES_NOT_CHECKED = 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

/**
 * apiextensions-apiserver's hasBlockingErr (pkg/registry/customresource/strategy.go): after a
 * wrong type, a missing required field, an unsupported enum value, a too long string or too many
 * items, the API server evaluates no CEL rule at all and says so once.
 */
function isBlocking(finding: Finding): boolean {
  return (
    finding.severity === 'error' &&
    (/^(Required value|Unsupported value|Too long|Too many)\b/.test(finding.message) || / in body must be of type /.test(finding.message))
  );
}

/**
 * Validates an untrusted cluster-scoped custom resource: apiVersion and kind, metadata as
 * ValidateObjectMeta checks it, `spec` against the CRD schema, then the object's own CEL rules.
 */
export function validateCustomResource(obj: unknown, kind: ClusterCustomResourceKind, options: CrdValidationOptions = {}): Finding[] {
  if (!isObject(obj)) {
    return inRule('api-type-meta', [wrongType('', obj, `a ${kind.kind} object (apiVersion: ${kind.apiVersion}, kind: ${kind.kind}, metadata, spec)`)]);
  }
  const findings: Finding[] = validateTypeMeta(obj, kind.apiVersion, kind.kind);
  findings.push(...validateObjectMeta(obj.metadata, 'metadata', 'Cluster'));
  const ruleFindings: Finding[] = [];
  if (isAbsent(obj.spec)) {
    findings.push({ ...required('spec'), rule: 'crd-schema' });
  } else {
    const spec = validateAgainstCrdSchema(obj.spec, kind.spec, 'spec', options);
    findings.push(...spec.schemaFindings);
    ruleFindings.push(...spec.ruleFindings);
  }
  findings.push(...unknownFields(obj, '', TOP_LEVEL_FIELDS));
  if (findings.some(isBlocking)) {
    return [...findings, { ...invalid(ROOT_PATH, null, RULES_NOT_CHECKED), rule: 'crd-validation-rule' }];
  }
  ruleFindings.push(...(kind.rules ?? []).filter((rule) => !rule.holds(obj)).map((rule): Finding => ({ ...invalid(ROOT_PATH, 'object', rule.message), rule: 'crd-validation-rule' })));
  return [...findings, ...ruleFindings];
}
