/** `cdk8s-netpol/validate`: a NetworkPolicy checked as the API server checks it, and the estate lint. */
export * from '../model/public-api';
export { lintModel, validateNetworkPolicy } from './index';
export type { Finding, ObjectFinding, Severity } from './index';
