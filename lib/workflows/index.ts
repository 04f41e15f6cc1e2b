export { diffManifestSets, failedGates, newlyAllowed, newlyDenied, newlyExposed } from './diff';
export type { DiffGates, DiffManifestSetsOptions, DiffOutcome, ModelLoader } from './diff';
