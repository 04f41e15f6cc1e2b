export { FlowInputError } from './flow-input-error';
export { MAX_FLOW_LINE_BYTES, readFlows } from './read-flows';
export type { ReadFlowsOptions } from './read-flows';
export { resolveFlows, describeObservedEnd, OBSERVED_ENDPOINT_CAVEAT } from './resolve-flows';
export type { ResolvedEnd, ResolvedFlowGroup, ResolvedFlows, UnmatchedEnd } from './resolve-flows';
export { PLAIN_COLUMNS } from './plain-flow';
export type { AllowanceEnd, AuditEnd, AuditResult, AuditedFlow, FlowAllowance } from './audit-result';
export type { EstatePlan, LeftOutFlow, PlannedAllowance, PlannedEnd, PlannedWorkload } from './estate-plan';
