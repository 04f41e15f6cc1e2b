import { ClusterModelOptions, ManifestFinding, ManifestObject, RejectedObject, StagedPolicy, buildClusterModel } from '../manifests';
import type { ClusterModel } from '../model';
import type { LeftOutOfAnalysis } from '../report';
import type { CniName } from '../validate';
import { cniProfileFindings, modelUnderCni } from './cni-profile-check';

/**
 * A manifest set read for analysis: the model of every object that could be read, and what
 * was left out of it. Commands answer from the model and print `verdictFindings` and
 * `leftOutOfAnalysis` beside the answer; the jest matchers refuse instead (`requireAnalysisModel`).
 */
export interface AnalysisModelLoad {
  /** The objects the analysis evaluates. */
  readonly model: ClusterModel;
  /** Everything reading found, errors and warnings, in input order. */
  readonly findings: readonly ManifestFinding[];
  /** Objects not in the model because the API server would reject them, with their errors. */
  readonly leftOut: readonly RejectedObject[];
  /** Policies of kinds the analysis does not evaluate (AdminNetworkPolicy, CiliumNetworkPolicy, ...). */
  readonly notEvaluated: readonly ManifestObject[];
  /**
   * The findings an answer must show beside it, in input order: the errors that left objects
   * out, documents skipped as not Kubernetes objects, policies not evaluated, and how pods
   * became endpoints.
   */
  readonly verdictFindings: readonly ManifestFinding[];
  /** Warnings on how pods became endpoints (pods of one workload that policies tell apart). */
  readonly endpointWarnings: readonly ManifestFinding[];
  /** Calico's StagedKubernetesNetworkPolicies read, with what each stages. */
  readonly staged: readonly StagedPolicy[];
  /** Whether the model treats them as enforced (the `staged` option, `--staged`). */
  readonly stagedEnforced: boolean;
}

/** How manifest objects are read for analysis. */
export interface AnalysisModelOptions extends ClusterModelOptions {
  /**
   * The CNI plugin the cluster runs: hostNetwork pods are treated as its profile says
   * (docs/cni-profiles.md), and its warnings join the verdict findings.
   * @default none: the API's reading, with a caveat on hostNetwork pods
   */
  readonly cni?: CniName;
}

/** Reads manifest objects into the model the analysis runs on, naming what it left out. */
export function loadAnalysisModel(objects: readonly ManifestObject[], options: AnalysisModelOptions = {}): AnalysisModelLoad {
  const build = buildClusterModel(objects, options);
  const { cni } = options;
  return {
    model: cni ? modelUnderCni(cni, build.model) : build.model,
    findings: build.findings,
    leftOut: build.rejected,
    notEvaluated: build.notEvaluated,
    verdictFindings: cni ? [...build.verdictFindings, ...cniProfileFindings(cni, objects, build.model)] : build.verdictFindings,
    endpointWarnings: build.endpointWarnings,
    staged: build.staged,
    stagedEnforced: options.staged === true,
  };
}

/** What a load's answers do not include, for the report's left-out renderers. */
export function leftOutOfAnalysis(load: AnalysisModelLoad): LeftOutOfAnalysis {
  return {
    invalid: load.leftOut.map((rejection) => rejection.object),
    notEvaluated: load.notEvaluated,
    staged: load.stagedEnforced ? [] : load.staged.map((each) => each.object),
  };
}

/** Whether a load's answers come with errors (objects left out as invalid): the command then exits 1. */
export function loadFails(load: AnalysisModelLoad): boolean {
  return load.leftOut.length > 0;
}

/** Analysis refused because objects were left out; `findings` are the errors that left them out. */
export class AnalysisRefusedError extends Error {
  readonly code = 'ANALYSIS_REFUSED';

  constructor(
    readonly leftOut: readonly RejectedObject[],
    readonly findings: readonly ManifestFinding[],
  ) {
    const reasons = leftOut.flatMap(({ object, errors }) => {
      const name = object.namespace === undefined ? object.name : `${object.namespace}/${object.name}`;
      return errors.map((error) => `${object.source.file}: ${object.kind || 'document'} ${name}: ${error.path}: ${error.message}`);
    });
    super(`cannot analyse invalid objects:\n${reasons.join('\n')}`);
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
