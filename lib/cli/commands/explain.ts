import { Command } from 'commander';
import type { Protocol } from '../../model';
import { CliContext } from '../cli-context';
import { readingReferences } from '../endpoint-filter';
import { CliError, ExitCode } from '../exit-code';
import { loadAnalysis } from '../load-inputs';
import type { AnalysisModelLoad } from '../../workflows';
import { formatOption } from '../options';
import { portOption, protocolOption } from '../probe-options';
import { AnalysisFlags, addAnalysisFlags, analysisOptionsOf } from '../analysis-flags';

interface ExplainOptions extends AnalysisFlags {
  from: string;
  to: string;
  port?: number;
  protocol: Protocol;
  format: 'text' | 'json';
}

/** `netpol explain`: the verdict for one flow and which policies and rules decide it. */
export function explainCommand(cli: CliContext): Command {
  const command = new Command('explain')
    .description('explain whether one flow is allowed: isolation per direction and the rules that allow it')
    .argument('<paths...>', 'manifest files or directories, - for standard input')
    .requiredOption('--from <source>', 'the source: an endpoint namespace/name or an IP address outside the cluster')
    .requiredOption(
      '--to <destination>',
      "the destination: an endpoint namespace/name, an IP address outside the cluster, or a Service svc/namespace/name[:port] (its pods, on the targetPort)",
    )
    .addOption(portOption('the destination port (1-65535); required unless --to names a Service'))
    .addOption(protocolOption('TCP, UDP or SCTP'))
    .addOption(formatOption(['text', 'json']));
  return addAnalysisFlags(command, { staged: true })
    .action(
      cli.action(async (paths: string[], options: ExplainOptions) => {
        const load = await loadAnalysis(cli, paths, options.namespace, await analysisOptionsOf(options));
        const { model } = load;
        const { Analyzer } = await import('../../analysis');
        const { explainFlow, leftOutOfAnalysis } = await import('../../workflows');
        const { endpointNotesJson, leftOutJson, renderEndpointNotesText, renderExplainJson, renderExplainText, renderLeftOutText } = await import('../../report');
        const { endpointNotes } = await import('../../model');
        const workflows = await import('../../workflows');
        if (workflows.isServiceReference(options.to)) {
          return explainToService(cli, load, options);
        }
        if (options.port === undefined) {
          throw new CliError("error: required option '--port <port>' not specified (or name a Service: --to svc/namespace/name:port)");
        }
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

/** `explain --to svc/namespace/name[:port]`: the flow to each of the Service's pods on the port its targetPort resolves to there. */
async function explainToService(cli: CliContext, load: AnalysisModelLoad, options: ExplainOptions): Promise<number> {
  const { model } = load;
  const { Analyzer } = await import('../../analysis');
  const workflows = await import('../../workflows');
  const report = await import('../../report');
  const { endpointNotes } = await import('../../model');
  if (options.port !== undefined) {
    throw new CliError(`--port: not with --to ${options.to}: the Service's targetPort decides the port; name a Service port as svc/namespace/name:port`);
  }
  const analyzer = new Analyzer(model);
  const resolved = readingReferences(() => workflows.resolveServiceReference('--to', options.to, model));
  if (resolved.ports.length > 1) {
    const names = resolved.service.ports.map((port) => (port.name ? `${port.port} (${port.name})` : String(port.port)));
    throw new CliError(`--to: ${options.to} has several ports (${names.join(', ')}): name one as ${options.to}:port`);
  }
  const { explanations, unresolved } = readingReferences(() =>
    workflows.explainService((to, probe) => workflows.explainFlow(analyzer, { from: options.from, to: { kind: 'endpoint', id: to }, probe }, { from: '--from', to: '--to' }), resolved),
  );
  const ends = explanations.flatMap(({ explanation }) => [explanation.from, explanation.to]).flatMap((peer) => (peer.kind === 'endpoint' ? [peer.id] : []));
  const notes = endpointNotes(model.endpoints, new Set(ends));
  const leftOut = workflows.leftOutOfAnalysis(load);
  cli.io.stdout.write(
    options.format === 'json'
      ? report.renderServiceExplainJson(explanations, unresolved, { ...report.endpointNotesJson(notes), ...report.leftOutJson(leftOut) })
      : report.renderServiceExplainText(explanations, unresolved) + report.renderEndpointNotesText(notes, { workloads: true }) + report.renderLeftOutText(leftOut),
  );
  return ExitCode.Ok;
}
