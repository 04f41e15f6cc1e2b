export * from './check-manifest-set';
export * from './analysis-model';
export * from './endpoint-reference';
export * from './explain-flow';
export * from './reach';
export { closestNames } from './did-you-mean';
export * from './audit-flows';

export * from './plan-estate';
