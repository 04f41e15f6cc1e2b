import { MAX_PORT, MIN_PORT, hasLeadingZeros, parseCidr, parseIp } from '../model';
import { ArraySchema, CelRule, CrdSchema, IntegerSchema, LabelSelectorSchema, ObjectSchema, StringSchema } from './crd-schema';

/**
 * Schema parts the admin-tier CRDs share across kinds and versions (ClusterNetworkPolicy
 * v1alpha2, AdminNetworkPolicy and BaselineAdminNetworkPolicy v1alpha1), as the generated CRDs
 * under config/crd/ of kubernetes-sigs/network-policy-api write them.
 */

export const LABEL_SELECTOR: LabelSelectorSchema = { type: 'labelSelector' };

/** NamespacedPod. v1alpha2 requires only podSelector; v1alpha1 requires both selectors. */
export function namespacedPod(required: readonly string[]): ObjectSchema {
  return { type: 'object', properties: { namespaceSelector: LABEL_SELECTOR, podSelector: LABEL_SELECTOR }, required };
}

/** Exactly one of the given peer (or subject) kinds: minProperties 1, maxProperties 1. */
export function exactlyOne(properties: Readonly<Record<string, CrdSchema>>): ObjectSchema {
  return { type: 'object', properties, minProperties: 1, maxProperties: 1 };
}

/** `subject`: namespaces or pods. */
export function subject(pods: ObjectSchema): ObjectSchema {
  return exactlyOne({ namespaces: LABEL_SELECTOR, pods });
}

/**
 * CEL's isCIDR (k8s.io/apiserver/pkg/cel/library/cidr.go): Go's netip.ParsePrefix, which wants
 * canonical decimal (no leading zeros in IPv4 parts or in the prefix length) and no IPv6 zone,
 * and then no IPv4-mapped IPv6 address. Host bits may be set.
 */
export function isCelCidr(text: string): boolean {
  const cidr = parseCidr(text);
  if (!cidr) {
    return false;
  }
  const [address, prefix] = text.split('/');
  if (!/^(0|[1-9][0-9]*)$/.test(prefix)) {
    return false;
  }
  if (cidr.family === 4) {
    return !hasLeadingZeros(address);
  }
  const ip = parseIp(address);
  return ip !== undefined && ip.value >> 32n !== 0xffffn;
}

export const IS_CIDR_RULE: CelRule = {
  rule: 'isCIDR(self)',
  message: 'Invalid CIDR format provided',
  holds: (self) => typeof self === 'string' && isCelCidr(self),
};

/** `networks`: up to 25 CIDRs, a set. */
export const NETWORKS: ArraySchema = {
  type: 'array',
  items: { type: 'string', maxLength: 43, rules: [IS_CIDR_RULE] },
  minItems: 1,
  maxItems: 25,
  set: true,
};

/** The DomainName pattern exactly as the CRDs write it (its `A-z` also admits `[\]^_` and backtick). */
export const DOMAIN_NAME_PATTERN = '^(\\*\\.)?([a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.)+[a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.?$';

const DOMAIN_NAME: StringSchema = { type: 'string', pattern: DOMAIN_NAME_PATTERN };

/** `domainNames` (experimental): up to 25, a set. */
export const DOMAIN_NAMES: ArraySchema = { type: 'array', items: DOMAIN_NAME, minItems: 1, maxItems: 25, set: true, experimental: true };

/** `nodes` (experimental). */
export const NODES: LabelSelectorSchema = { type: 'labelSelector', experimental: true };

/** A rule's `name`. */
export const RULE_NAME: StringSchema = { type: 'string', maxLength: 100 };

/** An integer port 1..65535. */
export const PORT_NUMBER: IntegerSchema = { type: 'integer', minimum: MIN_PORT, maximum: MAX_PORT };
