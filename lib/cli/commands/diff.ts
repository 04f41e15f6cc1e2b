import { Command } from 'commander';
import { ClusterModel, Endpoint, Namespace, endpointId } from '../../model';
import { CliContext } from '../cli-context';
import { ExitCode } from '../exit-code';
import { loadAnalysisModel } from '../load-inputs';
import { formatOption, namespaceOption, perPodOption } from '../options';

/** Entries of both lists by key; on a clash the newer side's entry wins. */
function mergeBy<T>(older: readonly T[], newer: readonly T[], key: (item: T) => string): T[] {
  const merged = new Map<string, T>();
  for (const item of [...older, ...newer]) {
    merged.set(key(item), item);
  }
  return [...merged.keys()].sort().map((k) => merged.get(k) as T);
}

/** Both policy sets over the same endpoints and namespaces: the union of both sides'. */
function overSameEndpoints(before: ClusterModel, after: ClusterModel): [ClusterModel, ClusterModel] {
  const endpoints = mergeBy<Endpoint>(before.endpoints, after.endpoints, endpointId);
  const namespaces = mergeBy<Namespace>(before.namespaces, after.namespaces, (namespace) => namespace.name);
  return [
    { namespaces, endpoints, policies: before.policies },
    { namespaces, endpoints, policies: after.policies },
  ];
}

interface DiffOptions {
  format: 'text' | 'json' | 'markdown';
  failOnAdded?: boolean;
  namespace: string;
  perPod: boolean;
}

/** `netpol diff`: flows a policy change adds and removes. */
export function diffCommand(cli: CliContext): Command {
  return new Command('diff')
    .description('show the flows added and removed between two policy sets (each a file or directory)')
    .argument('<old>', 'the policies before: a file, a directory, or - for standard input')
    .argument('<new>', 'the policies after: a file, a directory, or - for standard input')
    .addOption(formatOption(['text', 'json', 'markdown']))
    .option('--fail-on-added', 'exit 1 when the new policies allow any flow the old ones did not')
    .addOption(namespaceOption())
    .addOption(perPodOption())
    .action(
      cli.action(async (oldPath: string, newPath: string, options: DiffOptions) => {
        const [before, after] = overSameEndpoints(
          await loadAnalysisModel(cli, [oldPath], options.namespace, options.perPod),
          await loadAnalysisModel(cli, [newPath], options.namespace, options.perPod),
        );
        const { Analyzer } = await import('../../analysis/analyzer');
        const { diffPortMatrices } = await import('../../analysis/diff');
        const diff = diffPortMatrices(new Analyzer(before).portMatrix(), new Analyzer(after).portMatrix());
        const report = await import('../../report');
        const render = { text: report.renderDiffText, json: report.renderDiffJson, markdown: report.renderDiffMarkdown };
        cli.io.stdout.write(render[options.format](diff));
        return options.failOnAdded && diff.added.length > 0 ? ExitCode.Findings : ExitCode.Ok;
      }),
    );
}
