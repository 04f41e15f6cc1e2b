import { Option } from 'commander';
import type { NetpolConfig } from '../workflows';
import { CliError } from './exit-code';

/** `--config <file>`: the settings file; without it `.netpol.yaml` in the current directory is read when present. */
export function configOption(): Option {
  return new Option('--config <file>', 'settings and acknowledgements (default: .netpol.yaml in the current directory, when present)');
}

/** The config file of a run, or undefined; one that does not read or follow its schema is a usage error (exit 2). */
export async function loadConfig(configFile: string | undefined): Promise<NetpolConfig | undefined> {
  const { NetpolConfigError, loadNetpolConfig } = await import('../workflows');
  try {
    return await loadNetpolConfig(configFile, process.cwd());
  } catch (error) {
    if (error instanceof NetpolConfigError) {
      throw new CliError(error.message);
    }
    throw error;
  }
}
