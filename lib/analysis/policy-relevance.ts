import { LabelSelector, selectorKeys } from '../model';
import { RulePortEntry } from './rule-ports';
import { CompiledPolicy } from './compiled-policy';
import { CompiledTierPolicy } from './compiled-tier-policy';

/** What of an endpoint the policies can see: the pod label keys their selectors read, and the port names they use. */
export interface PolicyRelevance {
  readonly podLabelKeys: ReadonlySet<string>;
  readonly portNames: ReadonlySet<string>;
  /** True when hostNetwork pods are treated apart: by admin-tier policies, or by a plugin that does not apply policies to them. */
  readonly hostNetwork: boolean;
}

function addKeys(selector: LabelSelector | undefined, keys: Set<string>): void {
  for (const key of selectorKeys(selector)) {
    keys.add(key);
  }
}

/**
 * Endpoints that differ only in labels no pod selector reads, or in ports no rule names,
 * are indistinguishable to every policy: this tells the endpoint classes what to ignore.
 */
export function policyRelevance(
  policies: readonly CompiledPolicy[],
  tierPolicies: readonly CompiledTierPolicy[] = [],
  hostNetworkApart = false,
): PolicyRelevance {
  const podLabelKeys = new Set<string>();
  const portNames = new Set<string>();
  for (const policy of tierPolicies) {
    addKeys(policy.subject.podSelector, podLabelKeys);
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const term of rule.peers) {
        if (term.kind === 'pods') {
          addKeys(term.podSelector, podLabelKeys);
        }
      }
      addNames(rule.ports.entries, portNames);
    }
  }
  for (const policy of policies) {
    addKeys(policy.podSelector, podLabelKeys);
    for (const rule of [...(policy.ingress ?? []), ...(policy.egress ?? [])]) {
      for (const term of rule.peers) {
        if (term.kind === 'pods') {
          addKeys(term.podSelector, podLabelKeys);
        }
      }
      addNames(rule.ports.entries, portNames);
    }
  }
  return { podLabelKeys, portNames, hostNetwork: tierPolicies.length > 0 || hostNetworkApart };
}

function addNames(entries: readonly RulePortEntry[], names: Set<string>): void {
  for (const entry of entries) {
    if (entry.kind === 'named') {
      names.add(entry.name);
    }
  }
}
