/**
 * The part of cdk8s-cli's validation-plugin contract (`Validation`, `ValidationContext` and
 * `ValidationViolation` in cdk8s-cli/lib/plugins/validation.d.ts) that NetpolValidation
 * uses, written out structurally so the package needs no runtime dependency on cdk8s-cli.
 * test/plugin checks that the real cdk8s-cli types still fit.
 */

/** One object that breaks a rule, by `metadata.name` (cdk8s maps it back to its construct). */
export interface Cdk8sViolatingResource {
  readonly resourceName: string;
  /** Field paths within the object. */
  readonly locations: readonly string[];
  readonly manifestPath: string;
}

/** One entry of the validation report cdk8s prints after synth. */
export interface Cdk8sValidationViolation {
  readonly ruleName: string;
  readonly recommendation: string;
  readonly fix: string;
  readonly violatingResources: readonly Cdk8sViolatingResource[];
}

export interface Cdk8sValidationReport {
  addViolation(violation: Cdk8sValidationViolation): void;
  /** `failure` makes `cdk8s synth` exit non-zero. */
  submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
}

/** What cdk8s passes to a plugin: the synthesized manifest files and the report to fill. */
export interface Cdk8sValidationContext {
  readonly manifests: readonly string[];
  readonly report: Cdk8sValidationReport;
}
