/**
 * cdk8s-netpol: the DSL. Constructs and their props, the peer, port and DNS vocabulary they
 * take, and the `NetpolValidation` cdk8s plugin. The engine has its own entry points:
 * `cdk8s-netpol/analysis`, `/validate`, `/manifests`, `/report` and `/testing`.
 *
 * Named exports only: the DSL's list is lib/constructs/public-api.ts.
 */
export * from './constructs/public-api';
export { NetpolValidation } from './plugin';
export type { Cdk8sValidationContext, Cdk8sValidationReport, Cdk8sValidationViolation, Cdk8sViolatingResource, NetpolValidationProps } from './plugin';
export type { CniName } from './validate';
