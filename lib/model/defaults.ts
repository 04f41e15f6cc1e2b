import { NetworkPolicyPort, NetworkPolicySpec, PolicyType, Protocol } from './network-policy';

/**
 * The policyTypes the API server stores when the manifest has none (absent or empty):
 * Ingress always, plus Egress when there is at least one egress rule.
 */
export function effectivePolicyTypes(spec: NetworkPolicySpec): readonly PolicyType[] {
  if (spec.policyTypes && spec.policyTypes.length > 0) {
    return spec.policyTypes;
  }
  return spec.egress && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** A port entry's protocol after defaulting (TCP when absent). */
export function portProtocol(port: NetworkPolicyPort): Protocol {
  return port.protocol ?? 'TCP';
}
