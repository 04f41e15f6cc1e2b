import { Command, Option } from 'commander';
import type { AuditResult } from '../../flows';
import type { ClusterModel } from '../../model';
import { CliContext } from '../cli-context';
import { CliError, ExitCode } from '../exit-code';
import { writeChunks } from '../io';
import { loadAnalysisModel } from '../load-inputs';
import { formatOption } from '../options';
import { AnalysisFlags, addAnalysisFlags, analysisOptionsOf } from '../analysis-flags';

interface AuditOptions extends AnalysisFlags {
  flows: string[];
  format: 'text' | 'json' | 'markdown' | 'sarif' | 'junit';
  failOnDenied: boolean;
}

/** `netpol audit`: observed flows (Hubble, plain CSV/JSON lines) judged by the policies. */
export function auditCommand(cli: CliContext): Command {
  const command = new Command('audit')
    .description('judge observed flows (Hubble exports, plain CSV or JSON lines) by the policies: which would be denied, by which side, and what would allow them')
    .argument('<paths...>', 'manifest files or directories, - for standard input')
    .addOption(
      new Option('--flows <files...>', 'flow files: hubble observe -o json/jsonpb, Hubble exporter files, or the plain format; - for standard input').makeOptionMandatory(),
    )
    .addOption(formatOption(['text', 'json', 'markdown', 'sarif', 'junit']))
    .addOption(new Option('--fail-on-denied', 'exit 1 when a flow would be denied').default(false));
  return addAnalysisFlags(command, { staged: true })
    .action(
      cli.action(async (paths: string[], options: AuditOptions) => {
        const model = await loadAnalysisModel(cli, paths, options.namespace, await analysisOptionsOf(options));
        const { FlowInputError, readFlows } = await import('../../flows');
        const { auditFlows } = await import('../../workflows');
        if (options.flows.includes('-')) {
          cli.claimStdin('the flows', 'hubble observe -o jsonpb | netpol audit DIR --flows -');
        }
        let observed;
        try {
          observed = await readFlows(options.flows, { stdin: cli.io.stdin, onProgress: (lines) => cli.progress(`read ${lines.toLocaleString('en-US')} flow lines`) });
        } catch (error) {
          if (error instanceof FlowInputError) {
            throw new CliError(error.message);
          }
          throw error;
        }
        const result = auditFlows(model, observed);
        await writeChunks(cli.io.stdout, await renderAuditReport(options, result, model));
        const denied = result.flows.some((flow) => flow.verdict === 'denied');
        return options.failOnDenied && denied ? ExitCode.Findings : ExitCode.Ok;
      }),
    );
}

/** The audit in the chosen format; SARIF and JUnit with the policies that deny each flow at their lines. */
async function renderAuditReport(options: AuditOptions, result: AuditResult, model: ClusterModel): Promise<string> {
  const report = await import('../../report');
  switch (options.format) {
    case 'json':
      return report.renderAuditJson(result);
    case 'markdown':
      return report.renderAuditMarkdown(result);
    case 'sarif':
    case 'junit': {
      const { locateAuditedFlows } = await import('../../workflows');
      const located = await locateAuditedFlows(result, model);
      const gate = { failOnDenied: options.failOnDenied };
      return options.format === 'sarif' ? report.renderAuditSarif(located, gate) : report.renderAuditJunit(located, gate);
    }
    default:
      return report.renderAuditText(result);
  }
}
