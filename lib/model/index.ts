export * from './network-policy';
export * from './defaults';
export * from './source';
export * from './endpoint';
export * from './cluster';
export * from './cidr';
export * from './selector';
export * from './private-ranges';
