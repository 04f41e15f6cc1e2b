import { LabelSelector } from './network-policy';

/**
 * The admin tier as plain data, in its wire shape: ClusterNetworkPolicy
 * (policy.networking.k8s.io/v1alpha2, network-policy-api v0.2.0) and its predecessors
 * AdminNetworkPolicy and BaselineAdminNetworkPolicy (v1alpha1, the release-0.1 line).
 * Source: kubernetes-sigs/network-policy-api apis/v1alpha2/clusternetworkpolicy_types.go and
 * apis/v1alpha1/*_types.go; docs/admin-tier.md says what each field means and which are
 * experimental. Readers of untrusted YAML must still check shapes (lib/validate).
 */

/** The API group of every kind in this file. */
export const POLICY_API_GROUP = 'policy.networking.k8s.io';
export const CLUSTER_NETWORK_POLICY_API_VERSION = `${POLICY_API_GROUP}/v1alpha2`;
export const ADMIN_NETWORK_POLICY_API_VERSION = `${POLICY_API_GROUP}/v1alpha1`;

/** The CRD release channels: experimental holds every standard field plus the experimental ones. */
export type CrdChannel = 'standard' | 'experimental';

/** Lowest and highest `spec.priority` (both kinds with a priority); lower values win. */
export const MIN_POLICY_PRIORITY = 0;
export const MAX_POLICY_PRIORITY = 1000;

/** BaselineAdminNetworkPolicy is a singleton: the CRD accepts only this name. */
export const BASELINE_ADMIN_NETWORK_POLICY_NAME = 'default';

/** Where a ClusterNetworkPolicy sits: Admin before NetworkPolicy, Baseline after it. */
export type ClusterNetworkPolicyTier = 'Admin' | 'Baseline';
export const CLUSTER_NETWORK_POLICY_TIERS: readonly ClusterNetworkPolicyTier[] = ['Admin', 'Baseline'];

/** What a ClusterNetworkPolicy rule does with the traffic it matches. */
export type ClusterNetworkPolicyAction = 'Accept' | 'Deny' | 'Pass';
export const CLUSTER_NETWORK_POLICY_ACTIONS: readonly ClusterNetworkPolicyAction[] = ['Accept', 'Deny', 'Pass'];

/** AdminNetworkPolicy (v1alpha1) actions; Allow is v1alpha2's Accept. */
export type AdminNetworkPolicyAction = 'Allow' | 'Deny' | 'Pass';
export const ADMIN_NETWORK_POLICY_ACTIONS: readonly AdminNetworkPolicyAction[] = ['Allow', 'Deny', 'Pass'];

/** BaselineAdminNetworkPolicy (v1alpha1) actions: no Pass, there is no tier after it. */
export type BaselineAdminNetworkPolicyAction = 'Allow' | 'Deny';
export const BASELINE_ADMIN_NETWORK_POLICY_ACTIONS: readonly BaselineAdminNetworkPolicyAction[] = ['Allow', 'Deny'];

/** Pods selected by namespace AND pod labels (both kinds, both versions). */
export interface NamespacedPod {
  readonly namespaceSelector: LabelSelector;
  readonly podSelector: LabelSelector;
}

/** Exactly one field set: every pod of the selected namespaces, or selected pods. */
export interface AdminPolicySubject {
  readonly namespaces?: LabelSelector;
  readonly pods?: NamespacedPod;
}

/** metadata of a cluster-scoped object: no namespace. */
export interface ClusterObjectMeta {
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

// ---- v1alpha2 ClusterNetworkPolicy ----

/** An inclusive port range; the CRD requires start < end. */
export interface ClusterNetworkPolicyPortRange {
  readonly start: number;
  readonly end: number;
}

/** Exactly one of `number` and `range`. */
export interface ClusterNetworkPolicyPort {
  readonly number?: number;
  readonly range?: ClusterNetworkPolicyPortRange;
}

/** TCP, UDP or SCTP attributes; at least one field (today only destinationPort). */
export interface ClusterNetworkPolicyProtocolPorts {
  readonly destinationPort?: ClusterNetworkPolicyPort;
}

/** Exactly one field set: a protocol with its port, or a container port by name. */
export interface ClusterNetworkPolicyProtocol {
  readonly tcp?: ClusterNetworkPolicyProtocolPorts;
  readonly udp?: ClusterNetworkPolicyProtocolPorts;
  readonly sctp?: ClusterNetworkPolicyProtocolPorts;
  readonly destinationNamedPort?: string;
}

/** Exactly one field set. */
export interface ClusterNetworkPolicyIngressPeer {
  readonly namespaces?: LabelSelector;
  readonly pods?: NamespacedPod;
}

/** Exactly one field set; `nodes` and `domainNames` are experimental-channel fields. */
export interface ClusterNetworkPolicyEgressPeer extends ClusterNetworkPolicyIngressPeer {
  readonly nodes?: LabelSelector;
  readonly networks?: readonly string[];
  readonly domainNames?: readonly string[];
}

export interface ClusterNetworkPolicyIngressRule {
  readonly name?: string;
  readonly action: ClusterNetworkPolicyAction;
  readonly from: readonly ClusterNetworkPolicyIngressPeer[];
  /** Absent: every protocol and port. */
  readonly protocols?: readonly ClusterNetworkPolicyProtocol[];
}

export interface ClusterNetworkPolicyEgressRule {
  readonly name?: string;
  readonly action: ClusterNetworkPolicyAction;
  readonly to: readonly ClusterNetworkPolicyEgressPeer[];
  /** Absent: every protocol and port. */
  readonly protocols?: readonly ClusterNetworkPolicyProtocol[];
}

export interface ClusterNetworkPolicySpec {
  readonly tier: ClusterNetworkPolicyTier;
  readonly priority: number;
  readonly subject: AdminPolicySubject;
  /** In precedence order: the first matching rule decides. */
  readonly ingress?: readonly ClusterNetworkPolicyIngressRule[];
  readonly egress?: readonly ClusterNetworkPolicyEgressRule[];
}

export interface ClusterNetworkPolicy {
  readonly apiVersion: typeof CLUSTER_NETWORK_POLICY_API_VERSION;
  readonly kind: 'ClusterNetworkPolicy';
  readonly metadata: ClusterObjectMeta;
  readonly spec: ClusterNetworkPolicySpec;
}

// ---- v1alpha1 AdminNetworkPolicy and BaselineAdminNetworkPolicy ----

/** A protocol and port; protocol defaults to TCP. */
export interface AdminNetworkPolicyPortNumber {
  readonly protocol?: string;
  readonly port: number;
}

/** An inclusive range; protocol defaults to TCP. The field doc asks start < end, the CRD does not check it. */
export interface AdminNetworkPolicyPortRange {
  readonly protocol?: string;
  readonly start: number;
  readonly end: number;
}

/** Exactly one field set; `namedPort` is an experimental-channel field. */
export interface AdminNetworkPolicyPort {
  readonly portNumber?: AdminNetworkPolicyPortNumber;
  readonly namedPort?: string;
  readonly portRange?: AdminNetworkPolicyPortRange;
}

export interface AdminNetworkPolicyIngressPeer {
  readonly namespaces?: LabelSelector;
  readonly pods?: NamespacedPod;
}

/** Exactly one field set; `nodes` and `domainNames` are experimental-channel fields. */
export interface AdminNetworkPolicyEgressPeer extends AdminNetworkPolicyIngressPeer {
  readonly nodes?: LabelSelector;
  readonly networks?: readonly string[];
  readonly domainNames?: readonly string[];
}

/** BANP egress peers have no domainNames. */
export type BaselineAdminNetworkPolicyEgressPeer = Omit<AdminNetworkPolicyEgressPeer, 'domainNames'>;

export interface AdminNetworkPolicyIngressRule<Action extends string = AdminNetworkPolicyAction> {
  readonly name?: string;
  readonly action: Action;
  readonly from: readonly AdminNetworkPolicyIngressPeer[];
  readonly ports?: readonly AdminNetworkPolicyPort[];
}

export interface AdminNetworkPolicyEgressRule<Action extends string = AdminNetworkPolicyAction, Peer = AdminNetworkPolicyEgressPeer> {
  readonly name?: string;
  readonly action: Action;
  readonly to: readonly Peer[];
  readonly ports?: readonly AdminNetworkPolicyPort[];
}

export interface AdminNetworkPolicySpec {
  readonly priority: number;
  readonly subject: AdminPolicySubject;
  readonly ingress?: readonly AdminNetworkPolicyIngressRule[];
  readonly egress?: readonly AdminNetworkPolicyEgressRule[];
}

export interface BaselineAdminNetworkPolicySpec {
  readonly subject: AdminPolicySubject;
  readonly ingress?: readonly AdminNetworkPolicyIngressRule<BaselineAdminNetworkPolicyAction>[];
  readonly egress?: readonly AdminNetworkPolicyEgressRule<BaselineAdminNetworkPolicyAction, BaselineAdminNetworkPolicyEgressPeer>[];
}

export interface AdminNetworkPolicy {
  readonly apiVersion: typeof ADMIN_NETWORK_POLICY_API_VERSION;
  readonly kind: 'AdminNetworkPolicy';
  readonly metadata: ClusterObjectMeta;
  readonly spec: AdminNetworkPolicySpec;
}

export interface BaselineAdminNetworkPolicy {
  readonly apiVersion: typeof ADMIN_NETWORK_POLICY_API_VERSION;
  readonly kind: 'BaselineAdminNetworkPolicy';
  /** Always `default`. */
  readonly metadata: ClusterObjectMeta & { readonly name: typeof BASELINE_ADMIN_NETWORK_POLICY_NAME };
  readonly spec: BaselineAdminNetworkPolicySpec;
}
