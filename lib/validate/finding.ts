import { RuleId } from './rules';

/** How bad a finding is: errors are what the API server rejects, warnings are lint. */
export type Severity = 'error' | 'warning';

/** One problem in one object, at a field path written as the API server writes it. */
export interface Finding {
  /** `error` (the API server refuses it) or `warning` (lint). */
  readonly severity: Severity;
  /** e.g. `spec.ingress[0].from[0].ipBlock.except[1]`; `metadata.name` for the name. */
  readonly path: string;
  /** What is wrong and what would be valid, in the API server's words where it has them. */
  readonly message: string;
  /** The stable id of the rule that found it (e.g. `api-port`, `cni-endport-unsupported`); see docs/rules/. */
  readonly rule: RuleId;
}

/**
 * A finding whose rule may still be open: the field-error helpers write the API server's
 * words, and the validation family that called them (label selector, port, ipBlock, ...)
 * names the rule with inRule.
 */
export type FieldError = Omit<Finding, 'rule'> & { readonly rule?: RuleId };

/**
 * The findings with `rule` wherever they name none yet: a family's own errors take its id,
 * and those of the families it calls (a label selector inside a peer) keep theirs.
 */
export function inRule(rule: RuleId, findings: readonly FieldError[]): Finding[] {
  return findings.map((finding) => (finding.rule ? (finding as Finding) : { ...finding, rule }));
}
