import { Command } from 'commander';
import type { Analyzer } from '../../analysis/analyzer';
import type { Peer } from '../../analysis/types';
import { Protocol, parseIp } from '../../model';
import { CliContext } from '../cli-context';
import { endpointSelector } from '../endpoint-filter';
import { CliError, ExitCode } from '../exit-code';
import { loadAnalysisModel } from '../load-inputs';
import { formatOption, namespaceOption, perPodOption } from '../options';
import { portOption, protocolOption } from '../probe-options';

/** `--from`/`--to`: an endpoint `namespace/name`, or an IP address outside the cluster. */
function peerOf(option: string, value: string, analyzer: Analyzer): Peer {
  if (parseIp(value)) {
    return { kind: 'external', ip: value };
  }
  if (!value.includes('/')) {
    throw new CliError(`${option}: ${JSON.stringify(value)} is neither an endpoint (namespace/name) nor an IP address`);
  }
  endpointSelector(option, value, analyzer.endpointIds());
  return { kind: 'endpoint', id: value };
}

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
        const model = await loadAnalysisModel(cli, paths, options.namespace, options.perPod);
        const { Analyzer } = await import('../../analysis/analyzer');
        const analyzer = new Analyzer(model);
        const from = peerOf('--from', options.from, analyzer);
        const to = peerOf('--to', options.to, analyzer);
        if (from.kind === 'external' && to.kind === 'external') {
          throw new CliError('--from and --to are both outside the cluster: NetworkPolicies only judge traffic of endpoints');
        }
        const explanation = analyzer.explain(from, to, { port: options.port, protocol: options.protocol });
        const { endpointNotesJson, renderEndpointNotesText, renderExplainJson, renderExplainText } = await import('../../report');
        const { endpointNotes } = await import('../../model');
        const notes = endpointNotes(model.endpoints, new Set([from, to].flatMap((peer) => (peer.kind === 'endpoint' ? [peer.id] : []))));
        cli.io.stdout.write(
          options.format === 'json'
            ? renderExplainJson(explanation, endpointNotesJson(notes))
            : renderExplainText(explanation) + renderEndpointNotesText(notes, { workloads: true }),
        );
        return ExitCode.Ok;
      }),
    );
}
