import type { LoadedManifests } from '../manifests';
import type { ClusterModel } from '../model';
import type { AnalysisModelLoad } from '../workflows';
import { CliContext } from './cli-context';
import { CliError, ExitCode } from './exit-code';

/**
 * Loads manifests from the paths a command was given (files, directories, `-` for stdin).
 * Input that cannot be read becomes a CliError (exit 2) naming the file and document.
 */
export async function loadInputs(cli: CliContext, paths: readonly string[], defaultNamespace: string): Promise<LoadedManifests> {
  const { ManifestError, loadManifests } = await import('../manifests');
  cli.progress(`reading ${paths.join(' ')}`);
  try {
    const loaded = await loadManifests(paths, { defaultNamespace, stdin: cli.io.stdin });
    cli.progress(`read ${loaded.objects.length} objects from ${loaded.files.length} files`);
    return loaded;
  } catch (error) {
    if (error instanceof ManifestError) {
      throw new CliError(error.message);
    }
    throw error;
  }
}

/**
 * Loads the inputs for analysis (lib/workflows loadAnalysisModel), one endpoint per workload
 * unless `perPod`. What was left out does not stop the analysis: the findings every answer
 * must show (errors that left objects out, documents skipped, policies of kinds not
 * evaluated, how pods became endpoints) go to stderr (with --quiet only the errors), and when
 * objects were left out as invalid the command exits 1 after printing its answer.
 */
export async function loadAnalysis(cli: CliContext, paths: readonly string[], namespace: string, perPod = false): Promise<AnalysisModelLoad> {
  return analyseObjects(cli, (await loadInputs(cli, paths, namespace)).objects, perPod);
}

/** The second half of loadAnalysis, for a command that needs the objects read too (`test` checks them against a CNI profile). */
export async function analyseObjects(cli: CliContext, objects: LoadedManifests['objects'], perPod = false): Promise<AnalysisModelLoad> {
  const workflows = await import('../workflows');
  const load = workflows.loadAnalysisModel(objects, { perPod });
  const shown = load.verdictFindings.filter((finding) => finding.severity === 'error' || !cli.quiet);
  if (shown.length > 0) {
    const { renderFindingsText } = await import('../report');
    cli.error(renderFindingsText(shown));
  }
  if (workflows.loadFails(load)) {
    cli.failWith(ExitCode.Findings);
  }
  return load;
}

/** loadAnalysis, for a command that needs only the model. */
export async function loadAnalysisModel(cli: CliContext, paths: readonly string[], namespace: string, perPod = false): Promise<ClusterModel> {
  return (await loadAnalysis(cli, paths, namespace, perPod)).model;
}

