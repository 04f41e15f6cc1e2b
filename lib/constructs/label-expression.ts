import type { LabelSelectorRequirement } from '../model';
import { checkProps, listOf, PropType, requiredProp, satisfying, TEXT } from './props-check';

/**
 * One `matchExpressions` requirement on a label, for pods (`Workload.select`), namespaces
 * (`Namespaces.select`, `namespaceExpressions`) and a policy's own pods. Expressions are ANDed
 * with each other and with the labels. Keys and values are checked at synth with the API
 * server's rules (an `In` with no values is refused there, with its field path).
 */
export class LabelExpression {
  /** The label `key` has one of `values`. */
  public static in(key: string, values: readonly string[]): LabelExpression {
    checkProps('LabelExpression.in', { key, values }, KEY_AND_VALUES);
    return new LabelExpression({ key, operator: 'In', values: [...values] });
  }

  /** The label `key` is absent or has none of `values` (a pod without the label matches). */
  public static notIn(key: string, values: readonly string[]): LabelExpression {
    checkProps('LabelExpression.notIn', { key, values }, KEY_AND_VALUES);
    return new LabelExpression({ key, operator: 'NotIn', values: [...values] });
  }

  /** The label `key` is present, with any value. */
  public static exists(key: string): LabelExpression {
    checkProps('LabelExpression.exists', { key }, { key: requiredProp(TEXT) });
    return new LabelExpression({ key, operator: 'Exists' });
  }

  /** The label `key` is absent. */
  public static doesNotExist(key: string): LabelExpression {
    checkProps('LabelExpression.doesNotExist', { key }, { key: requiredProp(TEXT) });
    return new LabelExpression({ key, operator: 'DoesNotExist' });
  }

  private constructor(private readonly requirement: LabelSelectorRequirement) {}

  /** The wire shape of this requirement. */
  public toRequirement(): LabelSelectorRequirement {
    const { key, operator, values } = this.requirement;
    return values === undefined ? { key, operator } : { key, operator, values: [...values] };
  }
}

const KEY_AND_VALUES = { key: requiredProp(TEXT), values: requiredProp(listOf(TEXT, 'strings')) };

/** A list of label expressions prop. */
export const LABEL_EXPRESSIONS_PROP: PropType = listOf(
  satisfying((value) => value instanceof LabelExpression, 'a LabelExpression'),
  'LabelExpressions (LabelExpression.in, .notIn, .exists, .doesNotExist)',
);

/** A selector of `labels` AND `expressions`; `{}` when both are empty. */
export function labelSelector(
  labels: Readonly<Record<string, string>>,
  expressions: readonly LabelExpression[],
): { matchLabels?: Record<string, string>; matchExpressions?: LabelSelectorRequirement[] } {
  return {
    ...(Object.keys(labels).length > 0 ? { matchLabels: { ...labels } } : {}),
    ...(expressions.length > 0 ? { matchExpressions: expressions.map((expression) => expression.toRequirement()) } : {}),
  };
}
