import { IConstruct } from 'constructs';
import { RuleId, isAcknowledgeable, isRuleId } from '../validate';

/**
 * The rules a construct's findings are acknowledged for: its synth warnings of those rules
 * are not printed, and its object carries them in the netpol.dev/acknowledge annotation, so
 * `netpol validate` on the synthesized YAML accepts them too.
 */
const acknowledged = new WeakMap<IConstruct, Set<RuleId>>();

/** Records `rules` as acknowledged on `construct`; an id that is no acknowledgeable rule is refused, naming the construct. */
export function addAcknowledgements(construct: IConstruct, rules: readonly string[]): RuleId[] {
  const set = acknowledged.get(construct) ?? new Set<RuleId>();
  for (const rule of rules) {
    if (!isRuleId(rule) || !isAcknowledgeable(rule)) {
      throw new Error(
        `${construct.node.path}: acknowledge: ${JSON.stringify(rule)} is not a rule id that can be acknowledged; ` +
          'see docs/rules/ (rules of what the API server refuses cannot be)',
      );
    }
    set.add(rule);
  }
  acknowledged.set(construct, set);
  return [...set].sort();
}

/** Whether `construct` acknowledges findings of `rule`. */
export function acknowledges(construct: IConstruct | undefined, rule: RuleId): boolean {
  return construct !== undefined && (acknowledged.get(construct)?.has(rule) ?? false);
}
