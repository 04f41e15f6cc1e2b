import { InvalidArgumentError, Option } from 'commander';
import { CNI_NAMES, CniName } from '../validate';
import { UnknownCniError, requireCniName } from '../workflows';

function cniName(value: string): CniName {
  try {
    return requireCniName('--cni', value);
  } catch (error) {
    if (error instanceof UnknownCniError) {
      // commander prefixes "option '--cni <name>' argument ... is invalid."; the message says the rest.
      throw new InvalidArgumentError(error.message.replace(/^--cni: /, ''));
    }
    throw error;
  }
}

/** `--cni <name>`: the CNI plugin the cluster runs, to warn where it would not enforce the policies. */
export function cniOption(): Option {
  return new Option('--cni <name>', `warn where this CNI does not enforce what the policies say (${CNI_NAMES.join(', ')}); see docs/cni-profiles.md`).argParser(cniName);
}
