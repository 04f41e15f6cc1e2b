/**
 * The catalogue of rule ids: every finding names one, and each has a page in docs/rules/<id>.md
 * (test/validate/rules.test.ts keeps the two in step). The scheme:
 * - `api-*`: what the Kubernetes API server refuses in a NetworkPolicy, one id per validation
 *   family (the function of k8s.io/kubernetes pkg/apis/networking/validation that checks it);
 * - `crd-*`: what the API server refuses (or warns about) in an admin-tier custom resource (and,
 *   for `crd-schema`, in the stagedAction of Calico's StagedKubernetesNetworkPolicy);
 * - `cni-*`: what the cluster's network plugin would not enforce (validate --cni);
 * - `diff-*`: the gates of `netpol diff` (a change of allowed traffic), `audit-*`: the gate of
 *   `netpol audit` (observed traffic the policies deny); they judge a change or a flow, not an
 *   object, so there is nothing to acknowledge them on;
 * - the rest, unprefixed: lint, valid for the API server but probably not what was meant.
 * Ids never change meaning once published; a retired rule keeps its page.
 */

/** A rule's default level: `error` fails a check, `warning` fails it only with `--strict`. */
export type RuleLevel = 'error' | 'warning';

/** What a report says about a rule: its default level and a one-line description. */
export interface RuleDescription {
  /** The level of its findings. */
  readonly level: RuleLevel;
  /** One sentence, without a final period. */
  readonly summary: string;
}

/** Every rule, by id. */
export const RULES = {
  'api-type-meta': { level: 'error', summary: 'apiVersion and kind must name the kind the object is validated as' },
  'api-object-meta': { level: 'error', summary: 'metadata must be valid: a name as the kind requires, a DNS-1123 namespace, valid labels and annotations' },
  'api-policy-spec': { level: 'error', summary: 'the NetworkPolicy spec must have the right shape and valid policyTypes' },
  'api-label-selector': { level: 'error', summary: 'a label selector must have valid keys, values and operators' },
  'api-peer': { level: 'error', summary: 'a peer must name podSelector and/or namespaceSelector, or an ipBlock alone' },
  'api-port': { level: 'error', summary: 'a port must have a valid protocol, port number or name, and endPort' },
  'api-ip-block': { level: 'error', summary: 'an ipBlock must have a valid CIDR and excepts strictly inside it' },
  'api-unknown-field': { level: 'error', summary: 'a field the schema does not know is refused by strict apply and dropped by a lenient one' },
  'crd-schema': { level: 'error', summary: "an admin-tier object, or a Calico staged policy's stagedAction, must satisfy its CRD schema" },
  'crd-validation-rule': { level: 'error', summary: 'an admin-tier object must satisfy its CRD validation (CEL) rules' },
  'crd-experimental-field': { level: 'warning', summary: 'an experimental-channel field that the standard-channel CRD does not have' },
  'crd-documented-limit': { level: 'warning', summary: 'a value the CRD accepts but its documentation says is not honoured' },
  'duplicate-policy-name': { level: 'error', summary: 'two NetworkPolicies with one namespace and name: applying both keeps only the last' },
  'duplicate-object': { level: 'warning', summary: 'two objects of one kind and name in the input: only the last is analysed' },
  'duplicate-policy-type': { level: 'warning', summary: 'a direction listed twice in policyTypes' },
  'ignored-rules': { level: 'warning', summary: 'rules of a direction that policyTypes leaves out, which Kubernetes ignores' },
  'missing-spec': { level: 'warning', summary: 'a NetworkPolicy without spec, which isolates every pod of the namespace for ingress' },
  'null-entry': { level: 'warning', summary: 'a null rule or port, which the API server stores as one that allows everything' },
  'empty-list': { level: 'warning', summary: 'an empty from, to or ports list, which means every peer or every port' },
  'namespace-name-label': { level: 'warning', summary: 'a namespaceSelector on the label "name", which Kubernetes never sets' },
  'namespace-unset': { level: 'warning', summary: 'an object without a namespace lands in whatever namespace is current' },
  'namespace-ignored': { level: 'warning', summary: 'a namespace on a cluster-scoped object, which the API server drops' },
  'cidr-host-bits': { level: 'warning', summary: 'a CIDR with host bits set, which means its network' },
  'cidr-notation': { level: 'warning', summary: 'a CIDR written with leading zeros or as IPv4-mapped IPv6, which tools read differently' },
  'blocked-dns': { level: 'warning', summary: 'an egress default deny that leaves DNS blocked' },
  'unmatched-pod-selector': { level: 'warning', summary: 'a policy whose podSelector matches no known workload' },
  'unmatched-peer-selector': { level: 'warning', summary: 'a peer whose podSelector matches no known workload where it looks for pods' },
  'peer-and-or': { level: 'warning', summary: 'a peer with namespaceSelector AND podSelector whose namespaces hold no pod it selects, though pods elsewhere match' },
  'undeclared-namespace': { level: 'warning', summary: 'a peer naming a namespace that is not declared, but close to one that is' },
  'half-open-flow': { level: 'warning', summary: 'a flow one side allows while the other side, isolated, does not' },
  'workload-blocked-dns': { level: 'warning', summary: 'pods isolated for egress whose policies allow no DNS' },
  'workload-pods-differ': { level: 'warning', summary: 'pods of one workload that differ in what policies read, analysed one at a time' },
  'private-ranges-open': { level: 'warning', summary: 'an ExternalHttps whose excepts leave private address ranges reachable' },
  'manifest-unreadable': { level: 'error', summary: 'input that cannot be read as Kubernetes objects' },
  'invalid-acknowledgement': { level: 'warning', summary: 'an acknowledge annotation naming a rule that does not exist or cannot be acknowledged' },
  'api-decode': { level: 'error', summary: 'a field of the wrong type, which the API server refuses when it decodes the object' },
  'document-skipped': { level: 'warning', summary: 'a document that is not a Kubernetes object, skipped' },
  'not-evaluated': { level: 'warning', summary: 'a policy of a kind the analysis does not evaluate, so the verdicts do not include it' },
  'service-port-not-target-port': { level: 'warning', summary: 'a policy opens a Service\'s port, but its pods listen on the targetPort' },
  'service-named-target-port-unresolved': { level: 'warning', summary: 'a named targetPort that resolves to different numbers, or to none, on the pods a Service selects' },
  'service-unreachable': { level: 'warning', summary: 'a Service whose pods are isolated for ingress and admit nothing on its target port' },
  'ingress-backend-not-admitted': { level: 'warning', summary: 'an Ingress or route backend whose pods do not admit the ingress controller' },
  'service-exposed-not-admitted': { level: 'warning', summary: 'a LoadBalancer or NodePort Service whose pods admit nothing from outside the cluster' },
  'webhook-not-admitted': { level: 'warning', summary: 'an admission webhook whose Service pods do not admit the API server' },
  'cni-no-enforcement': { level: 'warning', summary: 'the CNI enforces no NetworkPolicy' },
  'cni-endport-unsupported': { level: 'warning', summary: 'the CNI does not enforce port ranges (endPort)' },
  'cni-sctp-unsupported': { level: 'warning', summary: 'the CNI does not enforce SCTP ports' },
  'cni-named-port-unsupported': { level: 'warning', summary: 'the CNI does not enforce named ports' },
  'cni-ipv6-unsupported': { level: 'warning', summary: 'the CNI does not enforce IPv6 ipBlocks' },
  'cni-ipblock-pod-ips': { level: 'warning', summary: 'the CNI does not match pod IPs with ipBlocks' },
  'cni-cluster-network-policy-unsupported': { level: 'warning', summary: 'the CNI does not enforce ClusterNetworkPolicy' },
  'cni-admin-network-policy-unsupported': { level: 'warning', summary: 'the CNI does not enforce AdminNetworkPolicy or BaselineAdminNetworkPolicy' },
  'cni-ipblock-except-unsupported': { level: 'warning', summary: 'the CNI does not enforce ipBlock excepts' },
  'cni-selector-operator-unsupported': { level: 'warning', summary: 'the CNI does not enforce NotIn or DoesNotExist selectors' },
  'cni-host-network-pods': { level: 'warning', summary: 'a policy selects or matches a hostNetwork pod that the CNI treats as its node' },
  'diff-flow-added': { level: 'warning', summary: 'a flow the change newly allows, new workloads\' flows and wider port sets included' },
  'diff-flow-removed': { level: 'warning', summary: 'a flow that worked and that the change denies, between workloads on both sides' },
  'diff-flow-exposed': { level: 'warning', summary: 'a flow from outside the cluster that the change newly allows' },
  'audit-flow-denied': { level: 'warning', summary: 'an observed flow that the policies would deny' },
} as const satisfies Readonly<Record<string, RuleDescription>>;

/** The id of a rule of the catalogue, e.g. `api-port` or `blocked-dns`. */
export type RuleId = keyof typeof RULES;

/**
 * Rules whose findings cannot be acknowledged: the API server refuses the object (or the input
 * is not one), so accepting the finding would not make it apply.
 */
const NOT_ACKNOWLEDGEABLE: readonly string[] = ['crd-schema', 'crd-validation-rule', 'manifest-unreadable'];

/** The gates of diff and audit: they judge traffic, not an object an acknowledgement could name. */
const GATE_PREFIXES: readonly string[] = ['diff-', 'audit-'];

/** Whether findings of `rule` may be acknowledged: lint, CNI and estate rules, not what the API server refuses nor the gates. */
export function isAcknowledgeable(rule: RuleId): boolean {
  return !rule.startsWith('api-') && !NOT_ACKNOWLEDGEABLE.includes(rule) && !GATE_PREFIXES.some((prefix) => rule.startsWith(prefix));
}

/** Every rule id, sorted. */
export const RULE_IDS: readonly RuleId[] = (Object.keys(RULES) as RuleId[]).sort();

/** Whether `value` is a rule id of the catalogue. */
export function isRuleId(value: string): value is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, value);
}

/** Where a rule's page is, relative to the package root. */
export function rulePagePath(rule: RuleId): string {
  return `docs/rules/${rule}.md`;
}
