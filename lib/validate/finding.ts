/** How bad a finding is: errors are what the API server rejects, warnings are lint. */
export type Severity = 'error' | 'warning';

/** One problem in one object, at a field path written as the API server writes it. */
export interface Finding {
  readonly severity: Severity;
  /** e.g. `spec.ingress[0].from[0].ipBlock.except[1]`; `metadata.name` for the name. */
  readonly path: string;
  readonly message: string;
  /** The stable id of the rule that found it, where it has one (e.g. `cni-endport-unsupported`). */
  readonly rule?: string;
}
