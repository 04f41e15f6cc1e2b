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
 * unless `perPod`. The analysis refuses what it would have to leave out: the errors go to
 * stderr and the command fails (exit 1). Nothing else is written: the caller shows the
 * load's findings with its result.
 */
export async function loadAnalysis(cli: CliContext, paths: readonly string[], namespace: string, perPod = false): Promise<AnalysisModelLoad> {
  const loaded = await loadInputs(cli, paths, namespace);
  const workflows = await import('../workflows');
  const load = workflows.loadAnalysisModel(loaded.objects, { perPod });
  try {
    workflows.requireAnalysisModel(load);
    return load;
  } catch (error) {
    if (error instanceof workflows.AnalysisRefusedError) {
      const { renderFindingsText } = await import('../report');
      cli.io.stderr.write(renderFindingsText(error.findings));
      throw new CliError(`refusing to analyse: ${error.leftOut.length} invalid NetworkPolicy object(s); fix the errors above`, ExitCode.Findings);
    }
    throw error;
  }
}

/**
 * The cluster model of loadAnalysis; warnings on how pods became endpoints go to stderr.
 */
export async function loadAnalysisModel(cli: CliContext, paths: readonly string[], namespace: string, perPod = false): Promise<ClusterModel> {
  const load = await loadAnalysis(cli, paths, namespace, perPod);
  if (load.endpointWarnings.length > 0) {
    const { renderFindingsText } = await import('../report');
    cli.note(renderFindingsText(load.endpointWarnings));
  }
  return load.model;
}
