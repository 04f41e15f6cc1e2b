import { ResolvedTierRule, TierPlan } from './class-tier-rules';
import { TierRuleRef } from './types';

/** Whether one rule matches one flow: peers and ports; `unknown` when the model cannot tell. */
export type FlowMatch = 'match' | 'no' | 'unknown';

/** How one tier judged one flow, with the rules that decided it. */
export type TierTrace =
  | { readonly outcome: 'Accept' | 'Deny' | 'Pass'; readonly rule: TierRuleRef }
  | { readonly outcome: 'none' }
  | { readonly outcome: 'ambiguous'; readonly reason: string; readonly rules: readonly TierRuleRef[] };

type Step = { readonly outcome: 'Accept' | 'Deny' | 'Pass' | 'unknown'; readonly rule: TierRuleRef };

const UNKNOWN_MATCH = 'a rule matches by nodes, domainNames, or a hostNetwork pod, which the manifests cannot tell (docs/admin-tier.md, Ambiguous 4 and 6)';
const SAME_PRIORITY = 'policies of one tier and one priority decide differently; the API lets the implementation apply either (docs/admin-tier.md, Ambiguous 1)';
const TWO_VERSIONS = 'v1alpha1 and v1alpha2 policies of one tier decide differently; nothing orders them (docs/admin-tier.md, Ambiguous 7)';

/** Decisions with no order between them: one answer when they agree, else ambiguous. */
function agree(steps: readonly Step[], conflict: string): TierTrace {
  if (steps.some((step) => step.outcome === 'unknown')) {
    return { outcome: 'ambiguous', reason: UNKNOWN_MATCH, rules: steps.map((step) => step.rule) };
  }
  const outcomes = new Set(steps.map((step) => step.outcome));
  if (outcomes.size > 1) {
    return { outcome: 'ambiguous', reason: conflict, rules: steps.map((step) => step.rule) };
  }
  return { outcome: steps[0].outcome as 'Accept' | 'Deny' | 'Pass', rule: steps[0].rule };
}

function firstMatch(rules: readonly ResolvedTierRule[], match: (rule: ResolvedTierRule) => FlowMatch): Step | undefined {
  for (const resolved of rules) {
    const matches = match(resolved);
    if (matches !== 'no') {
      return { outcome: matches === 'match' ? resolved.rule.action : 'unknown', rule: resolved.rule.ref };
    }
  }
  return undefined;
}

/**
 * One flow through one tier (the same semantics as walkTier, for one flow, naming rules):
 * per version, the first priority group where some policy's rule matches decides.
 */
export function traceTier(plan: TierPlan, match: (rule: ResolvedTierRule) => FlowMatch): TierTrace {
  const perVersion: TierTrace[] = [];
  for (const groups of plan.versions) {
    for (const group of groups) {
      const steps = group.flatMap((policy) => firstMatch(policy.rules, match) ?? []);
      if (steps.length > 0) {
        perVersion.push(agree(steps, SAME_PRIORITY));
        break;
      }
    }
  }
  if (perVersion.length === 0) {
    return { outcome: 'none' };
  }
  const ambiguous = perVersion.find((trace) => trace.outcome === 'ambiguous');
  if (ambiguous) {
    return ambiguous;
  }
  return agree(
    perVersion.map((trace) => trace as Step),
    TWO_VERSIONS,
  );
}
