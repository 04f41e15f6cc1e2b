import type { LoadedManifests } from '../manifests';
import type { ClusterModel } from '../model';
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
 * Loads the inputs into a cluster model for analysis (lib/workflows loadAnalysisModel), one
 * endpoint per workload unless `perPod`. The analysis refuses what it would have to leave
 * out: the errors go to stderr and the command fails (exit 1). Warnings on how pods became
 * endpoints go to stderr.
 */
export async function loadAnalysisModel(cli: CliContext, paths: readonly string[], namespace: string, perPod = false): Promise<ClusterModel> {
  const loaded = await loadInputs(cli, paths, namespace);
  const workflows = await import('../workflows');
  const load = workflows.loadAnalysisModel(loaded.objects, { perPod });
  if (load.endpointWarnings.length > 0) {
    const { renderFindingsText } = await import('../report');
    cli.note(renderFindingsText(load.endpointWarnings));
  }
  try {
    return workflows.requireAnalysisModel(load);
  } catch (error) {
    if (error instanceof workflows.AnalysisRefusedError) {
      const { renderFindingsText } = await import('../report');
      cli.io.stderr.write(renderFindingsText(error.findings));
      throw new CliError(`refusing to analyse: ${error.leftOut.length} invalid policy object(s); fix the errors above`, ExitCode.Findings);
    }
    throw error;
  }
}
