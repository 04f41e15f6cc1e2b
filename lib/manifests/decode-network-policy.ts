import {
  IpBlock,
  LabelSelector,
  LabelSelectorRequirement,
  NetworkPolicy,
  NetworkPolicyEgressRule,
  NetworkPolicyIngressRule,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicySpec,
  ObjectMeta,
  PolicyType,
  SelectorOperator,
} from '../model';
import { JsonObject, isAbsent, isObject } from '../validate';

/**
 * A validated NetworkPolicy as the API server decodes it into its Go types
 * (k8s.io/api/networking/v1 types.go, decoded by sigs.k8s.io/json, a fork of encoding/json):
 *
 * - `null` for a pointer, slice or map field leaves it nil: the field is absent. So
 *   `spec: null` and an omitted spec are `{}`, and `podSelector: null` (a non-pointer
 *   LabelSelector) is `{}`, which selects every pod.
 * - A `null` element of a slice of structs (`ingress`, `egress`, `from`, `to`, `ports`,
 *   `matchExpressions` are all `[]Struct`, not `[]*Struct`) decodes as the zero struct:
 *   `ingress: [null]` is `ingress: [{}]`, a rule allowing everything, and `ports: [null]` is
 *   `[{}]`, which defaulting turns into `{protocol: TCP}`: every TCP port.
 * - A `null` element of a `[]string` (`policyTypes`, `except`, `values`) or a `null` value of
 *   a `map[string]string` (`matchLabels`, `labels`) is the empty string.
 *
 * The input must be free of validation errors (lib/validate's validateNetworkPolicy), so only
 * the shapes it accepts arrive here; nulls are what this settles.
 */
export function decodeNetworkPolicy(value: JsonObject): NetworkPolicy {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: decodeMetadata(mappingOrEmpty(value.metadata)),
    spec: decodeSpec(mappingOrEmpty(value.spec)),
  };
}

/** A struct field or slice element: null (or absent) is the zero struct. */
function mappingOrEmpty(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

/** A slice: null is absent; each element decoded by `decode`. */
function decodeList<T>(value: unknown, decode: (item: unknown) => T): T[] | undefined {
  return Array.isArray(value) ? value.map(decode) : undefined;
}

/** A string, or the empty string for null (Go's zero value). */
function stringOrEmpty(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A map[string]string: null is absent, a null value the empty string. */
function decodeStringMap(value: unknown): Record<string, string> | undefined {
  if (!isObject(value)) {
    return undefined;
  }
  const map: Record<string, string> = {};
  for (const [key, text] of Object.entries(value)) {
    // defineProperty: a `__proto__` key is data, not the object's prototype.
    Object.defineProperty(map, key, { value: stringOrEmpty(text), enumerable: true, writable: true, configurable: true });
  }
  return map;
}

/** Copies the fields whose decoded value is not undefined. */
function present<T extends object>(fields: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(fields).filter(([, field]) => field !== undefined)) as T;
}

function decodeMetadata(metadata: JsonObject): ObjectMeta {
  return present<ObjectMeta>({
    name: stringOrEmpty(metadata.name),
    namespace: isAbsent(metadata.namespace) ? undefined : stringOrEmpty(metadata.namespace),
    labels: decodeStringMap(metadata.labels),
    annotations: decodeStringMap(metadata.annotations),
  });
}

function decodeRequirement(value: unknown): LabelSelectorRequirement {
  const requirement = mappingOrEmpty(value);
  return present<LabelSelectorRequirement>({
    key: stringOrEmpty(requirement.key),
    operator: stringOrEmpty(requirement.operator) as SelectorOperator,
    values: decodeList(requirement.values, stringOrEmpty),
  });
}

function decodeSelector(value: unknown): LabelSelector {
  const selector = mappingOrEmpty(value);
  return present<LabelSelector>({
    matchLabels: decodeStringMap(selector.matchLabels),
    matchExpressions: decodeList(selector.matchExpressions, decodeRequirement),
  });
}

/** A pointer to a LabelSelector (a peer's selectors): null is absent, not `{}`. */
function decodeOptionalSelector(value: unknown): LabelSelector | undefined {
  return isObject(value) ? decodeSelector(value) : undefined;
}

function decodeIpBlock(value: unknown): IpBlock | undefined {
  if (!isObject(value)) {
    return undefined;
  }
  return present<IpBlock>({ cidr: stringOrEmpty(value.cidr), except: decodeList(value.except, stringOrEmpty) });
}

function decodePeer(value: unknown): NetworkPolicyPeer {
  const peer = mappingOrEmpty(value);
  return present<NetworkPolicyPeer>({
    podSelector: decodeOptionalSelector(peer.podSelector),
    namespaceSelector: decodeOptionalSelector(peer.namespaceSelector),
    ipBlock: decodeIpBlock(peer.ipBlock),
  });
}

function decodePort(value: unknown): NetworkPolicyPort {
  const port = mappingOrEmpty(value);
  return present<NetworkPolicyPort>({
    protocol: isAbsent(port.protocol) ? undefined : (port.protocol as NetworkPolicyPort['protocol']),
    port: isAbsent(port.port) ? undefined : (port.port as number | string),
    endPort: isAbsent(port.endPort) ? undefined : (port.endPort as number),
  });
}

function decodeIngressRule(value: unknown): NetworkPolicyIngressRule {
  const rule = mappingOrEmpty(value);
  return present<NetworkPolicyIngressRule>({ from: decodeList(rule.from, decodePeer), ports: decodeList(rule.ports, decodePort) });
}

function decodeEgressRule(value: unknown): NetworkPolicyEgressRule {
  const rule = mappingOrEmpty(value);
  return present<NetworkPolicyEgressRule>({ to: decodeList(rule.to, decodePeer), ports: decodeList(rule.ports, decodePort) });
}

function decodeSpec(spec: JsonObject): NetworkPolicySpec {
  return present<NetworkPolicySpec>({
    podSelector: decodeSelector(spec.podSelector),
    policyTypes: decodeList(spec.policyTypes, (type) => stringOrEmpty(type) as PolicyType),
    ingress: decodeList(spec.ingress, decodeIngressRule),
    egress: decodeList(spec.egress, decodeEgressRule),
  });
}
