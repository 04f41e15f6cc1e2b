import type { LoadedManifests } from '../manifests';
import { CliContext } from './cli-context';
import { CliError } from './exit-code';

/**
 * Loads manifests from the paths a command was given (files, directories, `-` for stdin).
 * Input that cannot be read becomes a CliError (exit 2) naming the file and document.
 */
export async function loadInputs(cli: CliContext, paths: readonly string[], defaultNamespace: string): Promise<LoadedManifests> {
  const { ManifestError, loadManifests } = await import('../manifests');
  try {
    return await loadManifests(paths, { defaultNamespace, stdin: cli.io.stdin });
  } catch (error) {
    if (error instanceof ManifestError) {
      throw new CliError(error.message);
    }
    throw error;
  }
}
