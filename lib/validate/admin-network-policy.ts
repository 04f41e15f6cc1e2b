import {
  ADMIN_NETWORK_POLICY_ACTIONS,
  ADMIN_NETWORK_POLICY_API_VERSION,
  BASELINE_ADMIN_NETWORK_POLICY_ACTIONS,
  BASELINE_ADMIN_NETWORK_POLICY_NAME,
  MAX_POLICY_PRIORITY,
  MIN_POLICY_PRIORITY,
  PROTOCOLS,
} from '../model';
import { DOMAIN_NAMES, LABEL_SELECTOR, NETWORKS, NODES, PORT_NUMBER, RULE_NAME, exactlyOne, namespacedPod, subject } from './admin-tier-schema';
import { CelRule, CrdSchema, CrdValidationOptions, DocumentedRule, ObjectSchema } from './crd-schema';
import { ClusterCustomResourceKind, validateCustomResource } from './custom-resource';
import { Finding } from './finding';
import { JsonObject, isObject } from './shape';

/**
 * AdminNetworkPolicy and BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1) as
 * their CRDs check them: config/crd/{standard,experimental}/ of kubernetes-sigs/network-policy-api
 * at release-0.1 (e80807c44a006b28d901ae25b6561ece8a57e6d0, bundle-version v0.1.7). Unlike
 * v1alpha2: rules, peers and ports are capped at 100 (networks and domainNames at 25), actions
 * are Allow/Deny/Pass (ANP) and Allow/Deny (BANP), `namedPort` is experimental, the protocol has
 * no enum, and a port range has no start < end rule.
 */

const API_TYPES = 'apis/v1alpha1/shared_types.go';

const PROTOCOL_DOC: DocumentedRule = {
  source: `${API_TYPES} Port.Protocol`,
  check: (self) => (PROTOCOLS.includes(self as never) ? undefined : `is not one of ${PROTOCOLS.map((p) => JSON.stringify(p)).join(', ')}, the protocols the field documents`),
};

const RANGE_ORDER_DOC: DocumentedRule = {
  source: `${API_TYPES} PortRange.Start`,
  check: (self) => {
    const range = self as JsonObject;
    return typeof range.start === 'number' && typeof range.end === 'number' && range.start >= range.end ? 'start must be less than end' : undefined;
  },
};

/** `protocol` is required by the schema but defaulted to TCP before validation, so it may be left out. */
const PROTOCOL: CrdSchema = { type: 'string', documented: [PROTOCOL_DOC] };

const PORTS: CrdSchema = {
  type: 'array',
  items: exactlyOne({
    namedPort: { type: 'string', experimental: true },
    portNumber: { type: 'object', properties: { port: PORT_NUMBER, protocol: PROTOCOL }, required: ['port'] },
    portRange: { type: 'object', properties: { end: PORT_NUMBER, protocol: PROTOCOL, start: PORT_NUMBER }, required: ['end', 'start'], documented: [RANGE_ORDER_DOC] },
  }),
  minItems: 1,
  maxItems: 100,
};

const PODS = namespacedPod(['namespaceSelector', 'podSelector']);

function hasField(obj: unknown, field: string): boolean {
  return isObject(obj) && obj[field] !== undefined && obj[field] !== null;
}

/** The egress rule's CEL rule (experimental channel only), over the peer kinds that have no named ports. */
function namedPortPeerRule(peerKinds: readonly string[], rule: string, message: string): CelRule {
  return {
    rule,
    message,
    holds: (self) => {
      const egressRule = self as JsonObject;
      const peers = Array.isArray(egressRule.to) ? egressRule.to : [];
      const ports = Array.isArray(egressRule.ports) ? egressRule.ports : [];
      const externalPeer = peers.some((peer) => peerKinds.some((kind) => hasField(peer, kind)));
      return !(externalPeer && ports.some((port) => hasField(port, 'namedPort')));
    },
    channel: 'experimental',
  };
}

export const ANP_NAMED_PORT_PEER_RULE = namedPortPeerRule(
  ['networks', 'nodes', 'domainNames'],
  '!(self.to.exists(peer, has(peer.networks) || has(peer.nodes) || has(peer.domainNames)) && has(self.ports) && self.ports.exists(port, has(port.namedPort)))',
  'networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames',
);

export const BANP_NAMED_PORT_PEER_RULE = namedPortPeerRule(
  ['networks', 'nodes'],
  '!(self.to.exists(peer, has(peer.networks) || has(peer.nodes)) && has(self.ports) && self.ports.exists(port, has(port.namedPort)))',
  'networks/nodes peer cannot be set with namedPorts since there are no namedPorts for networks/nodes',
);

export const BANP_NAME_RULE: CelRule = {
  rule: "self.metadata.name == 'default'",
  message: 'Only one baseline admin network policy with metadata.name="default" can be created in the cluster',
  holds: (self) => isObject(self) && isObject(self.metadata) && self.metadata.name === BASELINE_ADMIN_NETWORK_POLICY_NAME,
};

function spec(actions: readonly string[], egressPeers: Readonly<Record<string, CrdSchema>>, namedPortRule: CelRule, priority: boolean): ObjectSchema {
  const action: CrdSchema = { type: 'string', enum: actions };
  const ingressRule: ObjectSchema = {
    type: 'object',
    properties: {
      action,
      from: { type: 'array', items: exactlyOne({ namespaces: LABEL_SELECTOR, pods: PODS }), minItems: 1, maxItems: 100 },
      name: RULE_NAME,
      ports: PORTS,
    },
    required: ['action', 'from'],
  };
  const egressRule: ObjectSchema = {
    type: 'object',
    properties: { action, name: RULE_NAME, ports: PORTS, to: { type: 'array', items: exactlyOne(egressPeers), minItems: 1, maxItems: 100 } },
    required: ['action', 'to'],
    rules: [namedPortRule],
  };
  return {
    type: 'object',
    properties: {
      egress: { type: 'array', items: egressRule, maxItems: 100 },
      ingress: { type: 'array', items: ingressRule, maxItems: 100 },
      ...(priority ? { priority: { type: 'integer', minimum: MIN_POLICY_PRIORITY, maximum: MAX_POLICY_PRIORITY } } : {}),
      subject: subject(PODS),
    },
    required: priority ? ['priority', 'subject'] : ['subject'],
  };
}

const ADMIN_NETWORK_POLICY: ClusterCustomResourceKind = {
  apiVersion: ADMIN_NETWORK_POLICY_API_VERSION,
  kind: 'AdminNetworkPolicy',
  spec: spec(
    ADMIN_NETWORK_POLICY_ACTIONS,
    { domainNames: DOMAIN_NAMES, namespaces: LABEL_SELECTOR, networks: NETWORKS, nodes: NODES, pods: PODS },
    ANP_NAMED_PORT_PEER_RULE,
    true,
  ),
};

const BASELINE_ADMIN_NETWORK_POLICY: ClusterCustomResourceKind = {
  apiVersion: ADMIN_NETWORK_POLICY_API_VERSION,
  kind: 'BaselineAdminNetworkPolicy',
  spec: spec(BASELINE_ADMIN_NETWORK_POLICY_ACTIONS, { namespaces: LABEL_SELECTOR, networks: NETWORKS, nodes: NODES, pods: PODS }, BANP_NAMED_PORT_PEER_RULE, false),
  rules: [BANP_NAME_RULE],
};

/** Validates an untrusted object as the API server validates an AdminNetworkPolicy (v1alpha1). Never throws. */
export function validateAdminNetworkPolicy(obj: unknown, options: CrdValidationOptions = {}): Finding[] {
  return validateCustomResource(obj, ADMIN_NETWORK_POLICY, options);
}

/** Validates an untrusted object as the API server validates a BaselineAdminNetworkPolicy (v1alpha1). Never throws. */
export function validateBaselineAdminNetworkPolicy(obj: unknown, options: CrdValidationOptions = {}): Finding[] {
  return validateCustomResource(obj, BASELINE_ADMIN_NETWORK_POLICY, options);
}
