import {
  CLUSTER_NETWORK_POLICY_ACTIONS,
  CLUSTER_NETWORK_POLICY_API_VERSION,
  CLUSTER_NETWORK_POLICY_TIERS,
  MAX_POLICY_PRIORITY,
  MIN_POLICY_PRIORITY,
} from '../model';
import {
  DOMAIN_NAMES,
  LABEL_SELECTOR,
  NETWORKS,
  NODES,
  PORT_NUMBER,
  RULE_NAME,
  exactlyOne,
  namespacedPod,
  subject,
} from './admin-tier-schema';
import { CelRule, CrdSchema, CrdValidationOptions, DocumentedRule, ObjectSchema } from './crd-schema';
import { validateCustomResource } from './custom-resource';
import { Finding } from './finding';
import { JsonObject, isObject } from './shape';

/**
 * ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2) as its CRD checks it:
 * config/crd/{standard,experimental}/policy.networking.k8s.io_clusternetworkpolicies.yaml of
 * kubernetes-sigs/network-policy-api v0.2.0 (bundle-version v0.2.0; unchanged in its schema at
 * main 0eec1b0e5fa92715b4c0f4c48d3c8d2913ed2159). docs/admin-tier.md lists every rule.
 */

export const PORT_RANGE_RULE: CelRule = {
  rule: 'self.start < self.end',
  message: 'Start port must be less than End port',
  holds: (self) => isObject(self) && (self.start as number) < (self.end as number),
};

/** True when `field` is present in `obj` (CEL `has()`: set and not null). */
function has(obj: unknown, field: string): boolean {
  return isObject(obj) && obj[field] !== undefined && obj[field] !== null;
}

/** The egress rule's CEL rule, experimental channel only (the standard CRD has no such rule). */
export const NAMED_PORT_PEER_RULE: CelRule = {
  rule: '!(self.to.exists(peer, has(peer.networks) || has(peer.nodes) || has(peer.domainNames)) && has(self.protocols) && self.protocols.exists(protocol, has(protocol.destinationNamedPort)))',
  message: 'networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames',
  holds: (self) => {
    const rule = self as JsonObject;
    const peers = Array.isArray(rule.to) ? rule.to : [];
    const protocols = Array.isArray(rule.protocols) ? rule.protocols : [];
    const externalPeer = peers.some((peer) => has(peer, 'networks') || has(peer, 'nodes') || has(peer, 'domainNames'));
    return !(externalPeer && protocols.some((protocol) => has(protocol, 'destinationNamedPort')));
  },
  channel: 'experimental',
};

/** `domainNames` is only for Accept rules: the API server accepts it in Deny and Pass rules, the field doc does not. */
export const DOMAIN_NAMES_ACCEPT_ONLY: DocumentedRule = {
  source: 'network-policy-api apis/v1alpha2/clusternetworkpolicy_types.go ClusterNetworkPolicyEgressPeer.DomainNames',
  check: (self) => {
    const rule = self as JsonObject;
    const peers = Array.isArray(rule.to) ? rule.to : [];
    return rule.action !== 'Accept' && peers.some((peer) => has(peer, 'domainNames'))
      ? `a ${JSON.stringify(rule.action)} rule has a domainNames peer, but "DomainNames is only supported for Accept rules"`
      : undefined;
  },
};

/**
 * What the network-policy-api's implementations page says about the experimental fields
 * (site-src/implementations.md, "Updated: 21-April-2026", main 0eec1b0e): the default
 * `experimentalNote` of `validateClusterNetworkPolicy`.
 */
export function clusterNetworkPolicyExperimentalSupport(): string {
  return 'network-policy-api site-src/implementations.md lists Calico v3.32 with standard-channel support only, so Calico does not implement it';
}

const PORT: ObjectSchema = exactlyOne({
  number: PORT_NUMBER,
  range: { type: 'object', properties: { start: PORT_NUMBER, end: PORT_NUMBER }, required: ['end', 'start'], rules: [PORT_RANGE_RULE] },
});

const PROTOCOL_PORTS: ObjectSchema = { type: 'object', properties: { destinationPort: PORT }, minProperties: 1 };

const PROTOCOLS: CrdSchema = {
  type: 'array',
  items: exactlyOne({ destinationNamedPort: { type: 'string' }, sctp: PROTOCOL_PORTS, tcp: PROTOCOL_PORTS, udp: PROTOCOL_PORTS }),
  minItems: 1,
  maxItems: 25,
};

const PODS = namespacedPod(['podSelector']);
const ACTION: CrdSchema = { type: 'string', enum: CLUSTER_NETWORK_POLICY_ACTIONS };

const INGRESS_RULE: ObjectSchema = {
  type: 'object',
  properties: {
    action: ACTION,
    from: { type: 'array', items: exactlyOne({ namespaces: LABEL_SELECTOR, pods: PODS }), minItems: 1, maxItems: 25 },
    name: RULE_NAME,
    protocols: PROTOCOLS,
  },
  required: ['action', 'from'],
};

const EGRESS_RULE: ObjectSchema = {
  type: 'object',
  properties: {
    action: ACTION,
    name: RULE_NAME,
    protocols: PROTOCOLS,
    to: {
      type: 'array',
      items: exactlyOne({ domainNames: DOMAIN_NAMES, namespaces: LABEL_SELECTOR, networks: NETWORKS, nodes: NODES, pods: PODS }),
      minItems: 1,
      maxItems: 25,
    },
  },
  required: ['action', 'to'],
  rules: [NAMED_PORT_PEER_RULE],
  documented: [DOMAIN_NAMES_ACCEPT_ONLY],
};

/** `spec` of a ClusterNetworkPolicy. */
export const CLUSTER_NETWORK_POLICY_SPEC: ObjectSchema = {
  type: 'object',
  properties: {
    egress: { type: 'array', items: EGRESS_RULE, maxItems: 25 },
    ingress: { type: 'array', items: INGRESS_RULE, maxItems: 25 },
    priority: { type: 'integer', minimum: MIN_POLICY_PRIORITY, maximum: MAX_POLICY_PRIORITY },
    subject: subject(PODS),
    tier: { type: 'string', enum: CLUSTER_NETWORK_POLICY_TIERS },
  },
  required: ['priority', 'subject', 'tier'],
};

/**
 * Validates an untrusted object as the API server validates a ClusterNetworkPolicy against the
 * CRD of `options.channel` (errors), plus a warning per experimental field (naming the CNIs the
 * upstream docs say lack it, unless `options.experimentalNote` says otherwise) and per
 * documented rule the CRD does not check. Never throws.
 */
export function validateClusterNetworkPolicy(obj: unknown, options: CrdValidationOptions = {}): Finding[] {
  return validateCustomResource(
    obj,
    { apiVersion: CLUSTER_NETWORK_POLICY_API_VERSION, kind: 'ClusterNetworkPolicy', spec: CLUSTER_NETWORK_POLICY_SPEC },
    { experimentalNote: clusterNetworkPolicyExperimentalSupport, ...options },
  );
}
