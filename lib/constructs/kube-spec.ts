import { k8s } from 'cdk8s-plus-28';
import { LabelSelector, NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicySpec } from '../model';

/** Converts the plain wire-shape spec to the cdk8s L1 props (ports become IntOrString). */
export function toKubeSpec(spec: NetworkPolicySpec): k8s.NetworkPolicySpec {
  return {
    podSelector: toKubeSelector(spec.podSelector),
    policyTypes: spec.policyTypes ? [...spec.policyTypes] : undefined,
    ingress: spec.ingress?.map((rule) => ({ from: rule.from?.map(toKubePeer), ports: rule.ports?.map(toKubePort) })),
    egress: spec.egress?.map((rule) => ({ to: rule.to?.map(toKubePeer), ports: rule.ports?.map(toKubePort) })),
  };
}

function toKubeSelector(selector: LabelSelector): k8s.LabelSelector {
  return {
    matchLabels: selector.matchLabels ? { ...selector.matchLabels } : undefined,
    matchExpressions: selector.matchExpressions?.map((requirement) => ({
      key: requirement.key,
      operator: requirement.operator,
      values: requirement.values ? [...requirement.values] : undefined,
    })),
  };
}

function toKubePeer(peer: NetworkPolicyPeer): k8s.NetworkPolicyPeer {
  return {
    podSelector: peer.podSelector ? toKubeSelector(peer.podSelector) : undefined,
    namespaceSelector: peer.namespaceSelector ? toKubeSelector(peer.namespaceSelector) : undefined,
    ipBlock: peer.ipBlock ? { cidr: peer.ipBlock.cidr, except: peer.ipBlock.except ? [...peer.ipBlock.except] : undefined } : undefined,
  };
}

function toKubePort(port: NetworkPolicyPort): k8s.NetworkPolicyPort {
  const value = port.port;
  return {
    protocol: port.protocol,
    port: value === undefined ? undefined : typeof value === 'number' ? k8s.IntOrString.fromNumber(value) : k8s.IntOrString.fromString(value),
    endPort: port.endPort,
  };
}
