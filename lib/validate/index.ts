export * from './finding';
export * from './network-policy';
