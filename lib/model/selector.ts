import { LabelSelector, LabelSelectorRequirement } from './network-policy';

/** Labels of a pod or namespace. */
export type Labels = Readonly<Record<string, string>>;

/** A compiled selector: call it with labels. */
export type LabelMatcher = (labels: Labels) => boolean;

function has(labels: Labels, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}

function requirementMatcher(requirement: LabelSelectorRequirement): LabelMatcher {
  const { key, operator } = requirement;
  const values = new Set(requirement.values ?? []);
  switch (operator) {
    case 'In':
      return (labels) => has(labels, key) && values.has(labels[key]);
    case 'NotIn':
      // True when the key is absent, as in Kubernetes.
      return (labels) => !has(labels, key) || !values.has(labels[key]);
    case 'Exists':
      return (labels) => has(labels, key);
    case 'DoesNotExist':
      return (labels) => !has(labels, key);
    default:
      throw new Error(`unknown label selector operator ${JSON.stringify(operator)}: valid are In, NotIn, Exists, DoesNotExist`);
  }
}

/**
 * Compiles a selector once into a matcher: matchLabels AND every matchExpression.
 * An empty selector matches every set of labels. The selector must be valid (see lib/validate).
 */
export function compileSelector(selector: LabelSelector): LabelMatcher {
  const requirements: LabelMatcher[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    requirements.push((labels) => has(labels, key) && labels[key] === value);
  }
  for (const requirement of selector.matchExpressions ?? []) {
    requirements.push(requirementMatcher(requirement));
  }
  if (requirements.length === 0) {
    return () => true;
  }
  return (labels) => requirements.every((matches) => matches(labels));
}

/**
 * The requirements of a selector as canonical texts, sorted and without repeats: a selector
 * whose terms include all of another's selects only pods the other selects.
 */
export function selectorTerms(selector: LabelSelector): string[] {
  const terms: string[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    terms.push(`${key}=${value}`);
  }
  for (const { key, operator, values } of selector.matchExpressions ?? []) {
    const sorted = [...new Set(values ?? [])].sort();
    terms.push(`${key} ${operator} (${sorted.join(',')})`);
  }
  return [...new Set(terms)].sort();
}

/**
 * A canonical text of a selector: equal for selectors that are written differently but
 * select the same (key order, value order, duplicates). Used to evaluate each distinct
 * selector once.
 */
export function selectorKey(selector: LabelSelector): string {
  return selectorTerms(selector).join(' && ');
}

/** True when the selector has no terms and so matches everything. */
export function isEmptySelector(selector: LabelSelector | undefined): boolean {
  return (
    selector !== undefined &&
    Object.keys(selector.matchLabels ?? {}).length === 0 &&
    (selector.matchExpressions ?? []).length === 0
  );
}

/** The label keys a selector reads (matchLabels and matchExpressions), without repeats. */
export function selectorKeys(selector: LabelSelector | undefined): string[] {
  return [...new Set([...Object.keys(selector?.matchLabels ?? {}), ...(selector?.matchExpressions ?? []).map((requirement) => requirement.key)])];
}
