import type { LoadedManifests } from '../manifests';
import { CliContext } from './cli-context';
import { CliError } from './exit-code';

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
