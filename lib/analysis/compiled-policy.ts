import { Direction, LabelSelector, NetworkPolicyPeer, NetworkPolicyPort, PolicyEntry, compareText, effectivePolicyTypes } from '../model';
import { IpBlockMatcher, compileIpBlock } from './ip-block-matcher';
import { RulePorts, compileRulePorts } from './rule-ports';
import { RuleRef } from './types';

/** One peer of a rule: pods chosen by selectors (ANDed when both are set), or an ipBlock. */
export type PeerTerm =
  | { readonly kind: 'pods'; readonly podSelector?: LabelSelector; readonly namespaceSelector?: LabelSelector }
  | { readonly kind: 'ipBlock'; readonly block: number };

export interface CompiledRule {
  readonly ref: RuleRef;
  /** True when `from`/`to` is absent or empty: every peer, in the cluster and outside. */
  readonly anyPeer: boolean;
  readonly peers: readonly PeerTerm[];
  readonly ports: RulePorts;
}

/** A policy with defaulted policyTypes: a direction's rules are undefined when it does not isolate it. */
export interface CompiledPolicy {
  /** `namespace/name` */
  readonly id: string;
  readonly namespace: string;
  readonly podSelector: LabelSelector;
  readonly ingress?: readonly CompiledRule[];
  readonly egress?: readonly CompiledRule[];
}

/** Every distinct ipBlock of all policies, numbered, so endpoints can be classed by the blocks that match them. */
export class IpBlockRegistry {
  private readonly indexByKey = new Map<string, number>();
  private readonly matchers: IpBlockMatcher[] = [];

  get blocks(): readonly IpBlockMatcher[] {
    return this.matchers;
  }

  add(matcher: IpBlockMatcher): number {
    let index = this.indexByKey.get(matcher.key);
    if (index === undefined) {
      index = this.matchers.length;
      this.indexByKey.set(matcher.key, index);
      this.matchers.push(matcher);
    }
    return index;
  }
}

function compilePeer(peer: NetworkPolicyPeer, registry: IpBlockRegistry, where: string): PeerTerm {
  if (peer.ipBlock) {
    return { kind: 'ipBlock', block: registry.add(compileIpBlock(peer.ipBlock, where)) };
  }
  return { kind: 'pods', podSelector: peer.podSelector, namespaceSelector: peer.namespaceSelector };
}

function compileRule(
  id: string,
  direction: Direction,
  ruleIndex: number,
  rule: { readonly peers?: readonly NetworkPolicyPeer[]; readonly ports?: readonly NetworkPolicyPort[] },
  registry: IpBlockRegistry,
  where: string,
): CompiledRule {
  const peerField = direction === 'ingress' ? 'from' : 'to';
  return {
    ref: { policy: id, direction, ruleIndex },
    anyPeer: rule.peers === undefined || rule.peers.length === 0,
    peers: (rule.peers ?? []).map((peer, peerIndex) =>
      compilePeer(peer, registry, `${where}: spec.${direction}[${ruleIndex}].${peerField}[${peerIndex}].ipBlock`),
    ),
    ports: compileRulePorts(rule.ports),
  };
}

/**
 * Compiles policies (already valid per the API server), sorted by `namespace/name`.
 * A policy without metadata.namespace is an error: the model promises it is set.
 */
export function compilePolicies(entries: readonly PolicyEntry[], registry: IpBlockRegistry): CompiledPolicy[] {
  const policies = entries.map(({ policy, source }) => {
    const namespace = policy.metadata.namespace;
    const id = `${namespace}/${policy.metadata.name}`;
    const where = `NetworkPolicy ${id}${source ? ` (${source.file})` : ''}`;
    if (namespace === undefined) {
      throw new Error(`${where}: metadata.namespace is not set; the analyzer needs every policy's namespace`);
    }
    const types = effectivePolicyTypes(policy.spec);
    const ingress = types.includes('Ingress')
      ? (policy.spec.ingress ?? []).map((rule, index) => compileRule(id, 'ingress', index, { peers: rule.from, ports: rule.ports }, registry, where))
      : undefined;
    const egress = types.includes('Egress')
      ? (policy.spec.egress ?? []).map((rule, index) => compileRule(id, 'egress', index, { peers: rule.to, ports: rule.ports }, registry, where))
      : undefined;
    return {
      id,
      namespace,
      podSelector: policy.spec.podSelector,
      ingress,
      egress,
    };
  });
  return policies.sort((a, b) => compareText(a.id, b.id));
}
