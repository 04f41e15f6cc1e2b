import { Finding, inRule } from './finding';
import { validateNetworkPolicySpec } from './network-policy-spec';
import { validateObjectMeta } from './object-meta';
import { isObject, unknownFields, wrongType } from './shape';
import { validateTypeMeta } from './type-meta';

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
    return inRule('api-type-meta', [wrongType('', obj, `a ${KIND} object (apiVersion: ${API_VERSION}, kind: ${KIND}, metadata, spec)`)]);
  }
  const findings: Finding[] = validateTypeMeta(obj, API_VERSION, KIND);
  findings.push(...validateObjectMeta(obj.metadata, 'metadata'));
  findings.push(...validateNetworkPolicySpec(obj.spec, 'spec'));
  findings.push(...unknownFields(obj, '', TOP_LEVEL_FIELDS));
  return findings;
}
