import { ResolvedTierRule, TierPlan } from './class-tier-rules';

/**
 * The tier semantics of docs/admin-tier.md once, over any set of "flows of one direction":
 * endpoint classes on the other side (bitsets, for reach), ports of one pair (port sets, for
 * allowedPorts). A walk never modifies the sets it is given.
 */
export interface SetAlgebra<S> {
  readonly none: S;
  readonly all: S;
  or(a: S, b: S): S;
  and(a: S, b: S): S;
  minus(a: S, b: S): S;
}

/**
 * What one rule matches among the flows. `matched`/`unknown` are the flows the rule matches
 * (or may match: the model cannot tell) for some port; `matchedAll`/`unknownAll` those it
 * matches for every port in question. Exact walks (one probe, or port sets) give equal pairs;
 * the walk for "allowed on some port" gives the superset it needs from them.
 */
export interface RuleMatch<S> {
  readonly matched: S;
  readonly matchedAll: S;
  readonly unknown: S;
  readonly unknownAll: S;
}

/**
 * A tier's outcome per flow. In an exact walk the five sets are disjoint and cover all flows;
 * in a some-port walk they over-approximate (a flow may be in several).
 */
export interface TierOutcome<S> {
  readonly accept: S;
  readonly deny: S;
  readonly pass: S;
  /** The API leaves the outcome undefined, or the model cannot tell whether a rule matches. */
  readonly ambiguous: S;
  /** No rule of the tier matched. */
  readonly undecided: S;
}

type Decision = 'accept' | 'deny' | 'pass';
const ACTION_DECISION: Record<string, Decision> = { Accept: 'accept', Deny: 'deny', Pass: 'pass' };

/** One policy: rules in order, the first match decides. */
function walkPolicy<S>(algebra: SetAlgebra<S>, rules: readonly ResolvedTierRule[], match: (rule: ResolvedTierRule) => RuleMatch<S>): TierOutcome<S> {
  const outcome = { accept: algebra.none, deny: algebra.none, pass: algebra.none, ambiguous: algebra.none };
  let remaining = algebra.all;
  for (const resolved of rules) {
    const { matched, matchedAll, unknown, unknownAll } = match(resolved);
    if (matched === algebra.none && unknown === algebra.none) {
      continue;
    }
    const decision = ACTION_DECISION[resolved.rule.action];
    outcome[decision] = algebra.or(outcome[decision], algebra.and(remaining, matched));
    outcome.ambiguous = algebra.or(outcome.ambiguous, algebra.minus(algebra.and(remaining, unknown), matched));
    remaining = algebra.minus(remaining, algebra.or(matchedAll, unknownAll));
  }
  return { ...outcome, undecided: remaining };
}

/** Outcomes with no order between them: where they decide differently, the flow is ambiguous. */
function unordered<S>(algebra: SetAlgebra<S>, a: TierOutcome<S>, b: TierOutcome<S>): TierOutcome<S> {
  const { or, and, minus } = algebra;
  const conflicts = or(
    or(and(a.accept, or(b.deny, b.pass)), and(a.deny, or(b.accept, b.pass))),
    and(a.pass, or(b.accept, b.deny)),
  );
  const ambiguous = or(or(a.ambiguous, b.ambiguous), conflicts);
  return {
    accept: minus(or(a.accept, b.accept), ambiguous),
    deny: minus(or(a.deny, b.deny), ambiguous),
    pass: minus(or(a.pass, b.pass), ambiguous),
    ambiguous,
    undecided: and(a.undecided, b.undecided),
  };
}

/** `later` decides only what `earlier` left undecided. */
function ordered<S>(algebra: SetAlgebra<S>, earlier: TierOutcome<S>, later: TierOutcome<S>): TierOutcome<S> {
  const { or, and } = algebra;
  const open = earlier.undecided;
  return {
    accept: or(earlier.accept, and(open, later.accept)),
    deny: or(earlier.deny, and(open, later.deny)),
    pass: or(earlier.pass, and(open, later.pass)),
    ambiguous: or(earlier.ambiguous, and(open, later.ambiguous)),
    undecided: and(open, later.undecided),
  };
}

/** Walks one tier's plan: per version, priority groups in order; versions and a group's policies unordered. */
export function walkTier<S>(algebra: SetAlgebra<S>, plan: TierPlan, match: (rule: ResolvedTierRule) => RuleMatch<S>): TierOutcome<S> {
  if (plan.linear) {
    return walkPolicy(algebra, plan.linear, match);
  }
  const versionOutcomes = plan.versions.map((groups) =>
    groups
      .map((group) => group.map((policy) => walkPolicy(algebra, policy.rules, match)).reduce((a, b) => unordered(algebra, a, b)))
      .reduce((a, b) => ordered(algebra, a, b)),
  );
  return versionOutcomes.reduce((a, b) => unordered(algebra, a, b));
}

/** One direction's verdict over the flows: allowed, and ambiguous (never both). */
export interface DirectionOutcome<S> {
  readonly allowed: S;
  readonly ambiguous: S;
}

/**
 * The tiers in order: Admin (Accept and Deny final, Pass and no match go on), then the
 * NetworkPolicies when some isolate the endpoint for this direction (`networkPolicyAllowed`),
 * else the Baseline tier, else the default allow. `baselineDenyAmbiguous`: the endpoint is
 * selected by a NetworkPolicy for the other direction only, where the API leaves open whether
 * the Baseline tier applies (docs/admin-tier.md, Ambiguous 2): a Baseline Deny is then ambiguous
 * (without it, NetworkPolicy's open direction allows).
 */
export function decideDirection<S>(
  algebra: SetAlgebra<S>,
  admin: TierOutcome<S> | undefined,
  networkPolicyAllowed: S | undefined,
  baseline: TierOutcome<S> | undefined,
  baselineDenyAmbiguous: boolean,
): DirectionOutcome<S> {
  const { or, and } = algebra;
  const continuing = admin ? or(admin.pass, admin.undecided) : algebra.all;
  let rest = algebra.all;
  let restAmbiguous = algebra.none;
  if (networkPolicyAllowed !== undefined) {
    rest = networkPolicyAllowed;
  } else if (baseline) {
    rest = or(or(baseline.accept, baseline.pass), baseline.undecided);
    restAmbiguous = baselineDenyAmbiguous ? or(baseline.ambiguous, baseline.deny) : baseline.ambiguous;
  }
  return {
    allowed: or(admin ? admin.accept : algebra.none, and(continuing, rest)),
    ambiguous: or(admin ? admin.ambiguous : algebra.none, and(continuing, restAmbiguous)),
  };
}
