export * from './cdk8s-validation-contract';
export * from './netpol-validation';
