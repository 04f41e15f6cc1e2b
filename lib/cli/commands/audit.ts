import { Command, Option } from 'commander';
import { CliContext } from '../cli-context';
import { CliError, ExitCode } from '../exit-code';
import { writeChunks } from '../io';
import { loadAnalysisModel } from '../load-inputs';
import { formatOption, namespaceOption, perPodOption, stagedOption } from '../options';

interface AuditOptions {
  flows: string[];
  format: 'text' | 'json' | 'markdown';
  failOnDenied: boolean;
  namespace: string;
  perPod: boolean;
  staged: boolean;
}

/** `netpol audit`: observed flows (Hubble, plain CSV/JSON lines) judged by the policies. */
export function auditCommand(cli: CliContext): Command {
  return new Command('audit')
    .description('judge observed flows (Hubble exports, plain CSV or JSON lines) by the policies: which would be denied, by which side, and what would allow them')
    .argument('<paths...>', 'manifest files or directories, - for standard input')
    .addOption(
      new Option('--flows <files...>', 'flow files: hubble observe -o json/jsonpb, Hubble exporter files, or the plain format; - for standard input').makeOptionMandatory(),
    )
    .addOption(formatOption(['text', 'json', 'markdown']))
    .addOption(new Option('--fail-on-denied', 'exit 1 when a flow would be denied').default(false))
    .addOption(namespaceOption())
    .addOption(perPodOption())
    .addOption(stagedOption())
    .action(
      cli.action(async (paths: string[], options: AuditOptions) => {
        if (paths.includes('-') && options.flows.includes('-')) {
          throw new CliError('standard input (-) can be the manifests or the flows, not both');
        }
        const model = await loadAnalysisModel(cli, paths, options.namespace, options.perPod, options.staged);
        const { FlowInputError, readFlows } = await import('../../flows');
        const { auditFlows } = await import('../../workflows');
        const { renderAuditJson, renderAuditMarkdown, renderAuditText } = await import('../../report');
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
        const render = { text: renderAuditText, json: renderAuditJson, markdown: renderAuditMarkdown }[options.format];
        await writeChunks(cli.io.stdout, render(result));
        const denied = result.flows.some((flow) => flow.verdict === 'denied');
        return options.failOnDenied && denied ? ExitCode.Findings : ExitCode.Ok;
      }),
    );
}
