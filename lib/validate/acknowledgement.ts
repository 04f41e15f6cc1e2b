import { RuleId, isAcknowledgeable, isRuleId } from './rules';

/**
 * The annotation that acknowledges findings on the object that carries it: a comma-separated
 * list of rule ids (`netpol.dev/acknowledge: blocked-dns, unmatched-pod-selector`). The DSL's
 * `acknowledge` construct props write it; `netpol validate` reads it.
 */
export const ACKNOWLEDGE_ANNOTATION = 'netpol.dev/acknowledge';

/** Why the acknowledged findings are accepted; optional next to ACKNOWLEDGE_ANNOTATION. */
export const ACKNOWLEDGE_REASON_ANNOTATION = 'netpol.dev/acknowledge-reason';

/** Where an acknowledgement was given. */
export type AcknowledgementSource = 'annotation' | 'config';

/** Why a finding is accepted and not counted: who said so, and until when. */
export interface Acknowledgement {
  /** Whether an annotation on the object or an entry of the config file said so. */
  readonly by: AcknowledgementSource;
  /** Why the finding is accepted. */
  readonly reason: string;
  /** The last day (YYYY-MM-DD) on which it holds; absent when it never expires. */
  readonly expires?: string;
  /** Where it is written: `.netpol.yaml:12` for a config entry, the annotation's key for an annotation. */
  readonly where: string;
}

/** The rule ids of an acknowledge annotation's value, and the entries that are not acknowledgeable rule ids. */
export interface AcknowledgeAnnotation {
  readonly rules: readonly RuleId[];
  readonly invalid: readonly string[];
}

/** Reads ACKNOWLEDGE_ANNOTATION from an object's annotations; absent when the object has none. */
export function readAcknowledgeAnnotation(annotations: unknown): AcknowledgeAnnotation | undefined {
  const value = typeof annotations === 'object' && annotations !== null ? (annotations as Record<string, unknown>)[ACKNOWLEDGE_ANNOTATION] : undefined;
  if (typeof value !== 'string') {
    return undefined;
  }
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const valid = (entry: string): entry is RuleId => isRuleId(entry) && isAcknowledgeable(entry);
  return { rules: entries.filter(valid), invalid: entries.filter((entry) => !valid(entry)) };
}

/** The acknowledge annotations for `rules`, as the constructs write them. */
export function acknowledgeAnnotations(rules: readonly RuleId[], reason?: string): Record<string, string> {
  return {
    [ACKNOWLEDGE_ANNOTATION]: rules.join(','),
    ...(reason ? { [ACKNOWLEDGE_REASON_ANNOTATION]: reason } : {}),
  };
}
