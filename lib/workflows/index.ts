export * from './check-manifest-set';
export * from './analysis-model';
export * from './endpoint-reference';
export * from './explain-flow';
export * from './reach';
export * from './graph';
export { closestNames } from './did-you-mean';
export * from './cni-profile-check';
