import { Command, InvalidArgumentError } from 'commander';
import { parseAddressOrNetwork } from '../../analysis';
import type { DiffOutcome } from '../../workflows';
import { CliContext } from '../cli-context';
import { ExitCode } from '../exit-code';
import { externalOption } from '../external-target';
import { loadAnalysis } from '../load-inputs';
import { formatOption } from '../options';
import { AnalysisFlags, addAnalysisFlags, analysisOptionsOf } from '../analysis-flags';

interface DiffOptions extends AnalysisFlags {
  format: 'text' | 'json' | 'markdown' | 'sarif' | 'junit';
  failOnAdded?: boolean;
  failOnRemoved?: boolean;
  failOnExposure?: boolean;
  external: string[];
}

/** `--external` may be given many times; each an IP or a CIDR. */
function collectExternal(value: string, previous: readonly string[]): string[] {
  if (!parseAddressOrNetwork(value)) {
    throw new InvalidArgumentError(`${JSON.stringify(value)} is not an IP address or CIDR (e.g. 203.0.113.9 or 203.0.113.0/24)`);
  }
  return [...previous, value];
}

/** `netpol diff`: how allowed traffic differs between two deployed states. */
export function diffCommand(cli: CliContext): Command {
  const command = new Command('diff')
    .description('show the flows added, removed and changed between two states (each a file or directory of workloads and policies), traffic with the outside included')
    .argument('<old>', 'the state before: a file, a directory, or - for standard input')
    .argument('<new>', 'the state after: a file, a directory, or - for standard input')
    .addOption(formatOption(['text', 'json', 'markdown', 'sarif', 'junit']))
    .option('--fail-on-added', 'exit 1 when a flow is newly allowed (new workloads included)')
    .option('--fail-on-removed', 'exit 1 when a flow that worked is now denied (flows of removed workloads not counted)')
    .option('--fail-on-exposure', 'exit 1 when anything is newly reachable from outside the cluster')
    .addOption(
      externalOption('also compare traffic with this address (IP) or network (CIDR) on rows of its own; repeatable').argParser(collectExternal).default([]),
    );
  return addAnalysisFlags(command, { staged: false })
    .action(
      cli.action(async (oldPath: string, newPath: string, options: DiffOptions) => {
        const { diffManifestSets } = await import('../../workflows');
        const analysisOptions = await analysisOptionsOf(options);
        const load = (paths: readonly string[]) => loadAnalysis(cli, paths, options.namespace, analysisOptions);
        const outcome = await diffManifestSets({ ...options, old: [oldPath], new: [newPath], externals: options.external }, load);
        cli.io.stdout.write(await renderDiffReport(options.format, outcome));
        outcome.failedGates.forEach((line) => cli.note(`netpol diff: ${line}`));
        return outcome.failedGates.length > 0 ? ExitCode.Findings : ExitCode.Ok;
      }),
    );
}

/** The diff in the chosen format; SARIF and JUnit with each gate's flows located in the new side's files. */
async function renderDiffReport(format: DiffOptions['format'], { diff, gates, leftOut, models }: DiffOutcome): Promise<string> {
  const report = await import('../../report');
  switch (format) {
    case 'json':
      return report.renderDiffJson(diff, report.leftOutJson(leftOut));
    case 'markdown': {
      const tail = report.renderLeftOutMarkdown(leftOut);
      return report.renderDiffMarkdown(diff, { gates, maxLength: report.MARKDOWN_REPORT_BUDGET - tail.length }) + tail;
    }
    case 'sarif':
    case 'junit': {
      const { locateDiffGates } = await import('../../workflows');
      const located = await locateDiffGates(gates, models);
      return format === 'sarif' ? report.renderDiffSarif(located) : report.renderDiffJunit(located);
    }
    default:
      return report.renderDiffText(diff) + report.renderLeftOutText(leftOut);
  }
}
