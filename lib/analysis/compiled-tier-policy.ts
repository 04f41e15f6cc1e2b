import {
  AdminNetworkPolicyPort,
  AdminTierPolicy,
  AdminTierPolicyEntry,
  AdminPolicySubject,
  ClusterNetworkPolicyAction,
  ClusterNetworkPolicyEgressPeer,
  ClusterNetworkPolicyProtocol,
  ClusterNetworkPolicyTier,
  Direction,
  LabelSelector,
  MAX_PORT,
  MIN_PORT,
  PROTOCOLS,
  Protocol,
  compareText,
} from '../model';
import { IpBlockRegistry } from './compiled-policy';
import { compileIpBlock } from './ip-block-matcher';
import { RulePortEntry, RulePorts, rulePortsOf } from './rule-ports';
import { TierRuleRef } from './types';

/**
 * One peer of an admin-tier rule. `pods` covers both `namespaces` (every pod of them) and
 * `pods`; `network` is one CIDR of `networks`; `nodes` and `domainNames` match addresses
 * the model cannot tell (node IPs, name resolutions): the analysis reports them as unknown.
 */
export type TierPeerTerm =
  | { readonly kind: 'pods'; readonly namespaceSelector: LabelSelector; readonly podSelector: LabelSelector }
  | { readonly kind: 'network'; readonly block: number }
  | { readonly kind: 'nodes' }
  | { readonly kind: 'domainNames' };

export interface CompiledTierRule {
  readonly ref: TierRuleRef;
  /** v1alpha1 Allow is v1alpha2 Accept. */
  readonly action: ClusterNetworkPolicyAction;
  readonly peers: readonly TierPeerTerm[];
  /** Absent `protocols`/`ports`: every port of every protocol. */
  readonly ports: RulePorts;
}

/**
 * Which API version a policy is of. Nothing orders v1alpha1 objects against v1alpha2 ones of
 * the same tier (docs/admin-tier.md, Ambiguous 7): each version is its own sequence.
 */
export type TierPolicyVersion = 'v1alpha1' | 'v1alpha2';

/** An admin-tier policy of either version in one shape: subject as pods, rules in precedence order. */
export interface CompiledTierPolicy {
  /** `Kind/name`, unique in a cluster. */
  readonly id: string;
  readonly tier: ClusterNetworkPolicyTier;
  readonly version: TierPolicyVersion;
  /** Lower first; a BaselineAdminNetworkPolicy (a singleton) has none and counts as 0. */
  readonly priority: number;
  readonly subject: { readonly namespaceSelector: LabelSelector; readonly podSelector: LabelSelector };
  readonly ingress: readonly CompiledTierRule[];
  readonly egress: readonly CompiledTierRule[];
}

function subjectPods(subject: AdminPolicySubject): CompiledTierPolicy['subject'] {
  return subject.pods ?? { namespaceSelector: subject.namespaces ?? {}, podSelector: {} };
}

function compilePeer(peer: ClusterNetworkPolicyEgressPeer, registry: IpBlockRegistry, where: string): TierPeerTerm[] {
  if (peer.namespaces) {
    return [{ kind: 'pods', namespaceSelector: peer.namespaces, podSelector: {} }];
  }
  if (peer.pods) {
    return [{ kind: 'pods', namespaceSelector: peer.pods.namespaceSelector, podSelector: peer.pods.podSelector }];
  }
  if (peer.networks) {
    return peer.networks.map((cidr) => ({ kind: 'network', block: registry.add(compileIpBlock({ cidr }, where)) }));
  }
  if (peer.nodes) {
    return [{ kind: 'nodes' }];
  }
  // domainNames: the CRD's validation lets exactly one field through.
  return [{ kind: 'domainNames' }];
}

/** A named port has no protocol of its own: it resolves on a container port of any protocol. */
function namedEntries(name: string): RulePortEntry[] {
  return PROTOCOLS.map((protocol) => ({ kind: 'named', protocol, name }));
}

/** v1alpha2 `protocols`. */
function protocolEntries(protocols: readonly ClusterNetworkPolicyProtocol[]): RulePortEntry[] {
  return protocols.flatMap((entry): RulePortEntry[] => {
    if (entry.destinationNamedPort !== undefined) {
      return namedEntries(entry.destinationNamedPort);
    }
    const protocol: Protocol = entry.tcp ? 'TCP' : entry.udp ? 'UDP' : 'SCTP';
    const port = (entry.tcp ?? entry.udp ?? entry.sctp)?.destinationPort;
    const from = port?.number ?? port?.range?.start ?? MIN_PORT;
    const to = port?.number ?? port?.range?.end ?? MAX_PORT;
    return [{ kind: 'range', protocol, from, to }];
  });
}

/** v1alpha1 `ports`; protocol defaults to TCP. */
function adminPortEntries(ports: readonly AdminNetworkPolicyPort[]): RulePortEntry[] {
  return ports.flatMap((entry): RulePortEntry[] => {
    if (entry.namedPort !== undefined) {
      return namedEntries(entry.namedPort);
    }
    if (entry.portNumber) {
      const protocol = (entry.portNumber.protocol ?? 'TCP') as Protocol;
      return [{ kind: 'range', protocol, from: entry.portNumber.port, to: entry.portNumber.port }];
    }
    const range = entry.portRange!;
    return [{ kind: 'range', protocol: (range.protocol ?? 'TCP') as Protocol, from: range.start, to: range.end }];
  });
}

interface RuleShape {
  readonly name?: string;
  readonly action: string;
  readonly peers: readonly ClusterNetworkPolicyEgressPeer[];
  readonly portEntries: RulePortEntry[];
}

function compileTierPolicy({ policy, source }: AdminTierPolicyEntry, registry: IpBlockRegistry): CompiledTierPolicy {
  const id = `${policy.kind}/${policy.metadata.name}`;
  const where = `${id}${source ? ` (${source.file})` : ''}`;
  const tier: ClusterNetworkPolicyTier = policy.kind === 'ClusterNetworkPolicy' ? policy.spec.tier : policy.kind === 'AdminNetworkPolicy' ? 'Admin' : 'Baseline';
  const priority = policy.kind === 'BaselineAdminNetworkPolicy' ? undefined : policy.spec.priority;
  const compileRules = (direction: Direction, rules: readonly RuleShape[]): CompiledTierRule[] =>
    rules.map((rule, ruleIndex) => {
      const peerField = direction === 'ingress' ? 'from' : 'to';
      return {
        ref: {
          kind: policy.kind,
          policy: policy.metadata.name,
          tier,
          ...(priority !== undefined ? { priority } : {}),
          direction,
          ruleIndex,
          ...(rule.name !== undefined ? { name: rule.name } : {}),
          action: rule.action,
        },
        action: rule.action === 'Allow' ? 'Accept' : (rule.action as ClusterNetworkPolicyAction),
        peers: rule.peers.flatMap((peer, peerIndex) => compilePeer(peer, registry, `${where}: spec.${direction}[${ruleIndex}].${peerField}[${peerIndex}].networks`)),
        ports: rulePortsOf(rule.portEntries),
      };
    });
  const [ingress, egress] = ruleShapes(policy);
  return {
    id,
    tier,
    version: policy.kind === 'ClusterNetworkPolicy' ? 'v1alpha2' : 'v1alpha1',
    priority: priority ?? 0,
    subject: subjectPods(policy.spec.subject),
    ingress: compileRules('ingress', ingress),
    egress: compileRules('egress', egress),
  };
}

/** The ingress and egress rules of either version in one shape. */
function ruleShapes(policy: AdminTierPolicy): [RuleShape[], RuleShape[]] {
  if (policy.kind === 'ClusterNetworkPolicy') {
    const entries = (protocols: readonly ClusterNetworkPolicyProtocol[] | undefined) => protocolEntries(protocols ?? []);
    return [
      (policy.spec.ingress ?? []).map((rule) => ({ name: rule.name, action: rule.action, peers: rule.from, portEntries: entries(rule.protocols) })),
      (policy.spec.egress ?? []).map((rule) => ({ name: rule.name, action: rule.action, peers: rule.to, portEntries: entries(rule.protocols) })),
    ];
  }
  const entries = (ports: readonly AdminNetworkPolicyPort[] | undefined) => adminPortEntries(ports ?? []);
  const spec = policy.spec;
  return [
    (spec.ingress ?? []).map((rule) => ({ name: rule.name, action: rule.action, peers: rule.from, portEntries: entries(rule.ports) })),
    (spec.egress ?? []).map((rule) => ({ name: rule.name, action: rule.action, peers: rule.to, portEntries: entries(rule.ports) })),
  ];
}

/** Compiles admin-tier policies (valid per their CRDs), sorted by id. */
export function compileTierPolicies(entries: readonly AdminTierPolicyEntry[], registry: IpBlockRegistry): CompiledTierPolicy[] {
  return entries.map((entry) => compileTierPolicy(entry, registry)).sort((a, b) => compareText(a.id, b.id));
}
