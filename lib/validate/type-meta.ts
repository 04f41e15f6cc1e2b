import { notSupported, required } from './field-error';
import { FieldError, Finding, inRule } from './finding';
import { JsonObject } from './shape';

/** `apiVersion` and `kind` of an object that must be exactly one kind at one version. */
export function validateTypeMeta(obj: JsonObject, apiVersion: string, kind: string): Finding[] {
  const findings: FieldError[] = [];
  if (obj.apiVersion === undefined) {
    findings.push(required('apiVersion', `"${apiVersion}"`));
  } else if (obj.apiVersion !== apiVersion) {
    findings.push(notSupported('apiVersion', obj.apiVersion, [apiVersion]));
  }
  if (obj.kind === undefined) {
    findings.push(required('kind', `"${kind}"`));
  } else if (obj.kind !== kind) {
    findings.push(notSupported('kind', obj.kind, [kind]));
  }
  return inRule('api-type-meta', findings);
}
