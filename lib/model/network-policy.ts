/**
 * The networking.k8s.io/v1 NetworkPolicy as plain data, in its wire shape.
 *
 * Fields are typed as the API documents them; readers of untrusted YAML must still check
 * shapes at run time (see lib/validate), because a manifest can hold anything.
 */

/** The transport protocols a NetworkPolicy port can name. */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** Every protocol, in the order reports list them. */
export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** The lowest and highest port a NetworkPolicy or a container can name. */
export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** True for an integer port number within MIN_PORT..MAX_PORT. */
export function isPortNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= MIN_PORT && value <= MAX_PORT;
}

/** A direction of traffic as a policy's rule lists name it (`spec.ingress`, `spec.egress`). */
export type Direction = 'ingress' | 'egress';

/** A direction of traffic as `spec.policyTypes` names it. */
export type PolicyType = 'Ingress' | 'Egress';

/** The label-selector operators the API server accepts (case-sensitive). */
export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values?: readonly string[];
}

/** matchLabels AND matchExpressions; `{}` matches everything. */
export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

export interface IpBlock {
  readonly cidr: string;
  readonly except?: readonly string[];
}

/** One peer: selectors (ANDed when both are set) or an ipBlock, never both. */
export interface NetworkPolicyPeer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: IpBlock;
}

/** A port entry: no protocol means TCP; no port means every port; endPort makes a range. */
export interface NetworkPolicyPort {
  readonly protocol?: Protocol;
  readonly port?: number | string;
  readonly endPort?: number;
}

export interface NetworkPolicyIngressRule {
  readonly from?: readonly NetworkPolicyPeer[];
  readonly ports?: readonly NetworkPolicyPort[];
}

export interface NetworkPolicyEgressRule {
  readonly to?: readonly NetworkPolicyPeer[];
  readonly ports?: readonly NetworkPolicyPort[];
}

export interface NetworkPolicySpec {
  readonly podSelector: LabelSelector;
  readonly policyTypes?: readonly PolicyType[];
  readonly ingress?: readonly NetworkPolicyIngressRule[];
  readonly egress?: readonly NetworkPolicyEgressRule[];
}

export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface NetworkPolicy {
  readonly apiVersion: 'networking.k8s.io/v1';
  readonly kind: 'NetworkPolicy';
  readonly metadata: ObjectMeta;
  readonly spec: NetworkPolicySpec;
}
