import { Command } from 'commander';
import type { Protocol } from '../../model';
import { CliContext } from '../cli-context';
import { readingReferences } from '../endpoint-filter';
import { ExitCode } from '../exit-code';
import { loadAnalysis } from '../load-inputs';
import { formatOption, namespaceOption, perPodOption } from '../options';
import { portOption, protocolOption } from '../probe-options';

interface ExplainOptions {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  format: 'text' | 'json';
  namespace: string;
  perPod: boolean;
}

/** `netpol explain`: the verdict for one flow and which policies and rules decide it. */
export function explainCommand(cli: CliContext): Command {
  return new Command('explain')
    .description('explain whether one flow is allowed: isolation per direction and the rules that allow it')
    .argument('<paths...>', 'manifest files or directories, - for standard input')
    .requiredOption('--from <source>', 'the source: an endpoint namespace/name or an IP address outside the cluster')
    .requiredOption('--to <destination>', 'the destination: an endpoint namespace/name or an IP address outside the cluster')
    .addOption(portOption('the destination port (1-65535)').makeOptionMandatory())
    .addOption(protocolOption('TCP, UDP or SCTP'))
    .addOption(formatOption(['text', 'json']))
    .addOption(namespaceOption())
    .addOption(perPodOption())
    .action(
      cli.action(async (paths: string[], options: ExplainOptions) => {
        const load = await loadAnalysis(cli, paths, options.namespace, options.perPod);
        const { model } = load;
        const { Analyzer } = await import('../../analysis');
        const { explainFlow, leftOutOfAnalysis } = await import('../../workflows');
        const { endpointNotesJson, leftOutJson, renderEndpointNotesText, renderExplainJson, renderExplainText, renderLeftOutText } = await import('../../report');
        const { endpointNotes } = await import('../../model');
        const query = { from: options.from, to: options.to, probe: { port: options.port, protocol: options.protocol } };
        const explanation = readingReferences(() => explainFlow(new Analyzer(model), query, { from: '--from', to: '--to' }));
        const ends = [explanation.from, explanation.to].flatMap((peer) => (peer.kind === 'endpoint' ? [peer.id] : []));
        const notes = endpointNotes(model.endpoints, new Set(ends));
        const leftOut = leftOutOfAnalysis(load);
        cli.io.stdout.write(
          options.format === 'json'
            ? renderExplainJson(explanation, { ...endpointNotesJson(notes), ...leftOutJson(leftOut) })
            : renderExplainText(explanation) + renderEndpointNotesText(notes, { workloads: true }) + renderLeftOutText(leftOut),
        );
        return ExitCode.Ok;
      }),
    );
}
