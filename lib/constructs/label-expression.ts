import type { LabelSelectorRequirement } from '../model';

/**
 * One `matchExpressions` requirement on a label, for pods (`Workload.select`), namespaces
 * (`Namespaces.select`, `namespaceExpressions`) and a policy's own pods. Expressions are ANDed
 * with each other and with the labels. Keys and values are checked at synth with the API
 * server's rules (an `In` with no values is refused there, with its field path).
 */
export class LabelExpression {
  /** The label `key` has one of `values`. */
  public static in(key: string, values: readonly string[]): LabelExpression {
    return new LabelExpression({ key, operator: 'In', values: [...values] });
  }

  /** The label `key` is absent or has none of `values` (a pod without the label matches). */
  public static notIn(key: string, values: readonly string[]): LabelExpression {
    return new LabelExpression({ key, operator: 'NotIn', values: [...values] });
  }

  /** The label `key` is present, with any value. */
  public static exists(key: string): LabelExpression {
    return new LabelExpression({ key, operator: 'Exists' });
  }

  /** The label `key` is absent. */
  public static doesNotExist(key: string): LabelExpression {
    return new LabelExpression({ key, operator: 'DoesNotExist' });
  }

  private constructor(private readonly requirement: LabelSelectorRequirement) {}

  /** The wire shape of this requirement. */
  public toRequirement(): LabelSelectorRequirement {
    const { key, operator, values } = this.requirement;
    return values === undefined ? { key, operator } : { key, operator, values: [...values] };
  }
}

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
