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

/**
 * `--cni <name>`: the CNI plugin the cluster runs, to warn where it would not enforce the
 * policies; `verdicts` for commands whose answers it changes (hostNetwork pods).
 */
export function cniOption(verdicts = false): Option {
  const effect = verdicts
    ? 'answer as this CNI enforces: its treatment of hostNetwork pods, and warnings where it does not enforce what the policies say'
    : 'warn where this CNI does not enforce what the policies say';
  return new Option('--cni <name>', `${effect} (${CNI_NAMES.join(', ')}); see docs/cni-profiles.md`).argParser(cniName);
}
