import { Command } from 'commander';
import type { CniName } from '../validate';
import { cniOption } from './cni-option';
import { configOption, loadConfig } from './config-option';
import { maxDocumentsOption, maxInputBytesOption, maxYamlNodesOption } from './input-limit-options';
import type { LoadAnalysisOptions } from './load-inputs';
import { namespaceOption, perPodOption, stagedOption } from './options';

/** The flags of every command that answers from the analysis model (reach, explain, graph, diff, audit). */
export interface AnalysisFlags {
  readonly namespace: string;
  readonly perPod: boolean;
  readonly cni?: CniName;
  readonly config?: string;
  /** Set only by commands that offer `--staged`. */
  readonly staged?: boolean;
}

/** Adds those flags to `command`, in one order: `-n`, the input limits, `--per-pod`, `--cni`, `--config`, and `--staged` when asked. */
export function addAnalysisFlags(command: Command, options: { readonly staged: boolean }): Command {
  const flags = [namespaceOption(), maxInputBytesOption(), maxYamlNodesOption(), maxDocumentsOption(), perPodOption(), cniOption(true), configOption()];
  for (const flag of [...flags, ...(options.staged ? [stagedOption()] : [])]) {
    command.addOption(flag);
  }
  return command;
}

/** What the flags ask loadAnalysis for; the config file (`--config`, or `.netpol.yaml`) is read here, once. */
export async function analysisOptionsOf(flags: AnalysisFlags): Promise<LoadAnalysisOptions> {
  return { perPod: flags.perPod, cni: flags.cni, staged: flags.staged ?? false, config: await loadConfig(flags.config) };
}
