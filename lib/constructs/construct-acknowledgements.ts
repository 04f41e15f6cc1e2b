import { IConstruct } from 'constructs';
import { RuleId, isAcknowledgeable, isRuleId } from '../validate';

/** The props of a policy construct that acknowledge its findings. */
export interface AcknowledgeProps {
  /**
   * Rule ids of this policy's findings to accept (docs/rules/, e.g. `['half-open-flow']`), as
   * `acknowledge()` does: their synth warnings are not printed, and the object carries them in
   * the `netpol.dev/acknowledge` annotation, so `netpol validate` accepts them too.
   * @default none: every warning is printed
   */
  readonly acknowledge?: readonly string[];
  /**
   * Why they are accepted, written to the `netpol.dev/acknowledge-reason` annotation.
   * @default no reason annotation
   */
  readonly acknowledgeReason?: string;
}

/** The acknowledgement props of `props` alone, to hand to a base constructor. */
export function acknowledgementsOf(props: AcknowledgeProps): AcknowledgeProps {
  return { acknowledge: props.acknowledge, acknowledgeReason: props.acknowledgeReason };
}

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
