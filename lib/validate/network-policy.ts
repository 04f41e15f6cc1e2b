import { notSupported, required } from './field-error';
import { Finding } from './finding';
import { validateNetworkPolicySpec } from './network-policy-spec';
import { validateObjectMeta } from './object-meta';
import { isObject, unknownFields, wrongType } from './shape';

const API_VERSION = 'networking.k8s.io/v1';
const KIND = 'NetworkPolicy';
/** `status` is accepted (and ignored) because objects read back from a cluster may carry it. */
const TOP_LEVEL_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec', 'status'];

/**
 * Validates an untrusted object as the API server validates a networking.k8s.io/v1
 * NetworkPolicy (errors), plus per-object lint (warnings). Never throws. Findings come in
 * the document's conventional field order: apiVersion, kind, metadata, then spec.podSelector,
 * spec.policyTypes, spec.ingress, spec.egress, each list in index order.
 */
export function validateNetworkPolicy(obj: unknown): Finding[] {
  if (!isObject(obj)) {
    return [wrongType('', obj, `a ${KIND} object (apiVersion: ${API_VERSION}, kind: ${KIND}, metadata, spec)`)];
  }
  const findings: Finding[] = [];
  if (obj.apiVersion === undefined) {
    findings.push(required('apiVersion', `"${API_VERSION}"`));
  } else if (obj.apiVersion !== API_VERSION) {
    findings.push(notSupported('apiVersion', obj.apiVersion, [API_VERSION]));
  }
  if (obj.kind === undefined) {
    findings.push(required('kind', `"${KIND}"`));
  } else if (obj.kind !== KIND) {
    findings.push(notSupported('kind', obj.kind, [KIND]));
  }
  findings.push(...validateObjectMeta(obj.metadata, 'metadata'));
  findings.push(...validateNetworkPolicySpec(obj.spec, 'spec'));
  findings.push(...unknownFields(obj, '', TOP_LEVEL_FIELDS));
  return findings;
}
