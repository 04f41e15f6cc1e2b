import { LabelSelector, selectorKeys } from '../model';
import { CompiledPolicy } from './compiled-policy';

/** What of an endpoint the policies can see: the pod label keys their selectors read, and the port names they use. */
export interface PolicyRelevance {
  readonly podLabelKeys: ReadonlySet<string>;
  readonly portNames: ReadonlySet<string>;
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
export function policyRelevance(policies: readonly CompiledPolicy[]): PolicyRelevance {
  const podLabelKeys = new Set<string>();
  const portNames = new Set<string>();
  for (const policy of policies) {
    addKeys(policy.podSelector, podLabelKeys);
    for (const rule of [...(policy.ingress ?? []), ...(policy.egress ?? [])]) {
      for (const term of rule.peers) {
        if (term.kind === 'pods') {
          addKeys(term.podSelector, podLabelKeys);
        }
      }
      for (const entry of rule.ports.entries) {
        if (entry.kind === 'named') {
          portNames.add(entry.name);
        }
      }
    }
  }
  return { podLabelKeys, portNames };
}
