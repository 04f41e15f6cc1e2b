import type { LoadedManifests } from '../manifests';
import type { ClusterModel } from '../model';
import type { CniName } from '../validate';
import type { AnalysisModelLoad, NetpolConfig } from '../workflows';
import { CliContext } from './cli-context';
import { CliError, ExitCode } from './exit-code';
import { INPUT_LIMIT_FLAGS } from './input-limit-options';

/**
 * Loads manifests from the paths a command was given (files, directories, `-` for stdin),
 * within the command's input limits. Input that cannot be read becomes a CliError (exit 2)
 * naming the file and document, and for a limit passed, the flag that raises it.
 */
export async function loadInputs(cli: CliContext, paths: readonly string[], defaultNamespace: string): Promise<LoadedManifests> {
  if (paths.includes('-')) {
    cli.claimStdin('the manifests', 'kubectl get networkpolicies,pods -A -o yaml | netpol validate -');
  }
  const { InputLimitError, ManifestError, loadManifests } = await import('../manifests');
  cli.progress(`reading ${paths.join(' ')}`);
  try {
    const loaded = await loadManifests(paths, { defaultNamespace, stdin: cli.io.stdin, ...cli.inputLimits });
    cli.progress(`read ${loaded.objects.length} objects from ${loaded.files.length} files`);
    return loaded;
  } catch (error) {
    if (error instanceof InputLimitError) {
      throw new CliError(`${error.message}; raise the limit with ${INPUT_LIMIT_FLAGS[error.limit]}`);
    }
    if (error instanceof ManifestError) {
      throw new CliError(error.message);
    }
    throw error;
  }
}

/** How loadAnalysis reads the model, as the commands' flags say. */
export interface LoadAnalysisOptions {
  /** `--per-pod`: every pod its own endpoint. @default false */
  readonly perPod?: boolean;
  /** `--cni`: the plugin whose treatment of hostNetwork pods the answer follows. @default none */
  readonly cni?: CniName;
  /** `--staged`: Calico staged policies judged as enforced. @default false */
  readonly staged?: boolean;
  /**
   * The run's settings (`--config`, or `.netpol.yaml`): its `cni` when `cni` is not given, and its
   * acknowledgements (with those on the objects) for the warnings printed beside the answer.
   * @default none
   */
  readonly config?: NetpolConfig;
}

/**
 * Loads the inputs for analysis (lib/workflows loadAnalysisModel), one endpoint per workload
 * unless `options.perPod`. What was left out does not stop the analysis: the findings every answer
 * must show (errors that left objects out, documents skipped, policies of kinds not
 * evaluated, how pods became endpoints) go to stderr (with --quiet only the errors), and when
 * objects were left out as invalid the command exits 1 after printing its answer.
 */
export async function loadAnalysis(cli: CliContext, paths: readonly string[], namespace: string, options: LoadAnalysisOptions = {}): Promise<AnalysisModelLoad> {
  return analyseObjects(cli, (await loadInputs(cli, paths, namespace)).objects, options);
}

/** The second half of loadAnalysis, for a command that needs the objects read too (`test` checks them against a CNI profile). */
export async function analyseObjects(cli: CliContext, objects: LoadedManifests['objects'], options: LoadAnalysisOptions = {}): Promise<AnalysisModelLoad> {
  const workflows = await import('../workflows');
  const cni = options.cni ?? options.config?.cni;
  const load = workflows.loadAnalysisModel(objects, { perPod: options.perPod ?? false, cni, staged: options.staged ?? false });
  // Acknowledged warnings (annotation or config) are not repeated beside every answer; errors cannot be acknowledged.
  const warned = !cli.quiet && load.verdictFindings.some((finding) => finding.severity === 'warning');
  const reviewed = warned
    ? workflows.outstandingFindings(workflows.reviewFindings(load.verdictFindings, objects, { config: options.config, today: workflows.todayUtc() }).findings)
    : load.verdictFindings;
  const shown = reviewed.filter((finding) => finding.severity === 'error' || !cli.quiet);
  const report = await import('../report');
  if (shown.length > 0) {
    cli.error(report.renderFindingsText(shown));
  }
  if (!cli.quiet) {
    const { isEvaluatedStagedAction } = await import('../manifests');
    const evaluated = load.staged.filter((each) => load.stagedEnforced && isEvaluatedStagedAction(each.action)).map((each) => each.object);
    const note = load.stagedEnforced ? report.stagedEnforcedNote(evaluated) : report.stagedNote(load.staged.map((each) => each.object));
    if (note !== '') {
      cli.error(note);
    }
  }
  if (workflows.loadFails(load)) {
    cli.failWith(ExitCode.Findings);
  }
  return load;
}

/** loadAnalysis, for a command that needs only the model. */
export async function loadAnalysisModel(cli: CliContext, paths: readonly string[], namespace: string, options: LoadAnalysisOptions = {}): Promise<ClusterModel> {
  return (await loadAnalysis(cli, paths, namespace, options)).model;
}

