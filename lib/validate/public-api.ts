/** `cdk8s-netpol/validate`: a NetworkPolicy checked as the API server checks it, and the estate lint. */
export * from '../model/public-api';
export { ACKNOWLEDGE_ANNOTATION, ACKNOWLEDGE_REASON_ANNOTATION, RULES, RULE_IDS, isAcknowledgeable, lintModel, validateNetworkPolicy } from './index';
export type { Acknowledgement, AcknowledgementSource, Finding, ObjectFinding, RuleDescription, RuleId, RuleLevel, Severity } from './index';
