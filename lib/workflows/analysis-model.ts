import { ClusterModelOptions, ManifestFinding, ManifestObject, RejectedPolicy, buildClusterModel } from '../manifests';
import type { ClusterModel } from '../model';

/**
 * A manifest set read for analysis. The caller decides what to do with what was left out:
 * today every caller refuses to analyse when anything is (`requireAnalysisModel`).
 */
export interface AnalysisModelLoad {
  /** The objects the analysis evaluates. */
  readonly model: ClusterModel;
  /** Everything reading found, errors and warnings, in input order. */
  readonly findings: readonly ManifestFinding[];
  /** Objects not in the model because they are invalid: an analysis without them would mislead. */
  readonly leftOut: readonly RejectedPolicy[];
  /** Warnings on how pods became endpoints (pods of one workload that policies tell apart). */
  readonly endpointWarnings: readonly ManifestFinding[];
}

/** Reads manifest objects into the model the analysis runs on, naming what it left out. */
export function loadAnalysisModel(objects: readonly ManifestObject[], options: ClusterModelOptions = {}): AnalysisModelLoad {
  const build = buildClusterModel(objects, options);
  return { model: build.model, findings: build.findings, leftOut: build.rejected, endpointWarnings: build.endpointWarnings };
}

/** Analysis refused because objects were left out; `findings` are the errors that left them out. */
export class AnalysisRefusedError extends Error {
  readonly code = 'ANALYSIS_REFUSED';

  constructor(
    readonly leftOut: readonly RejectedPolicy[],
    readonly findings: readonly ManifestFinding[],
  ) {
    const reasons = leftOut.flatMap(({ object, errors }) =>
      errors.map((error) => `${object.source.file}: ${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}: ${error.path}: ${error.message}`),
    );
    super(`cannot analyse invalid policies:\n${reasons.join('\n')}`);
    this.name = 'AnalysisRefusedError';
  }
}

/** The model of a load, or AnalysisRefusedError when anything was left out of it. */
export function requireAnalysisModel(load: AnalysisModelLoad): ClusterModel {
  if (load.leftOut.length > 0) {
    throw new AnalysisRefusedError(
      load.leftOut,
      load.findings.filter((finding) => finding.severity === 'error'),
    );
  }
  return load.model;
}
