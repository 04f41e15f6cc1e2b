import { Command, Option } from 'commander';
import type { Protocol } from '../../model';
import { CliContext } from '../cli-context';
import { EndpointFilterOptions, endpointFilter, fromOption, readingReferences } from '../endpoint-filter';
import { CliError } from '../exit-code';
import { ExitCode } from '../exit-code';
import { externalOption, externalTarget } from '../external-target';
import { ingressControllerOption } from '../ingress-controller-option';
import type { IngressControllerRef } from '../../workflows';
import { loadAnalysis } from '../load-inputs';
import { formatOption } from '../options';
import { portOption, protocolOption } from '../probe-options';
import { AnalysisFlags, addAnalysisFlags, analysisOptionsOf } from '../analysis-flags';

interface ReachOptions extends EndpointFilterOptions, AnalysisFlags {
  port?: number;
  protocol: Protocol;
  format: 'text' | 'json' | 'summary' | 'markdown';
  external?: string;
  ingressController?: IngressControllerRef;
}

/** `netpol reach`: who can reach whom, on one port or on every port. */
export function reachCommand(cli: CliContext): Command {
  const command = new Command('reach')
    .description('show which endpoints can reach which: on one port (--port) or every allowed port per pair')
    .argument('<paths...>', 'manifest files or directories, - for standard input')
    .addOption(portOption('probe one port (1-65535)'))
    .addOption(protocolOption('protocol of --port: TCP, UDP or SCTP'))
    .addOption(formatOption(['text', 'json', 'summary', 'markdown']))
    .addOption(fromOption())
    .addOption(
      new Option(
        '--to <destination>',
        "only destinations: an endpoint namespace/name, a namespace, or a Service svc/namespace/name[:port] (its pods, on the targetPort)",
      ),
    )
    .addOption(externalOption('add an address (IP) or network (CIDR) outside the cluster, both directions'));
  return addAnalysisFlags(command, { staged: true })
    .addOption(ingressControllerOption())
    .action(
      cli.action(async (paths: string[], options: ReachOptions) => {
        const load = await loadAnalysis(cli, paths, options.namespace, await analysisOptionsOf(options));
        const { model } = load;
        const { Analyzer } = await import('../../analysis');
        const workflows = await import('../../workflows');
        const { leftOutOfAnalysis, reachOnAllPorts, reachOnPort } = workflows;
        const report = await import('../../report');
        const { endpointNotes } = await import('../../model');
        const analyzer = new Analyzer(model);
        const toService = options.to !== undefined && workflows.isServiceReference(options.to) ? options.to : undefined;
        const scope = {
          filter: endpointFilter({ ...options, to: toService === undefined ? options.to : undefined }, analyzer.endpointIds()),
          externals: options.external === undefined ? [] : [externalTarget(options.external, model)],
        };
        // Caveats (hostNetwork, labels the input cannot know) of the endpoints listed.
        const notesOf = (listed: readonly string[]) => endpointNotes(model.endpoints, new Set(listed));
        // What the answer does not include: invalid objects and policies of kinds not evaluated.
        const leftOut = leftOutOfAnalysis(load);
        if (toService !== undefined) {
          if (options.port !== undefined) {
            throw new CliError(`--port: not with --to ${toService}: the Service's targetPort decides the port; name a Service port as svc/namespace/name:port`);
          }
          const resolved = readingReferences(() => workflows.resolveServiceReference('--to', toService, model));
          const reach = workflows.reachService(analyzer, resolved, scope);
          const listed = [...new Set(reach.groups.flatMap((group) => group.result.endpoints))];
          const render = {
            text: () => report.renderServiceReachText(reach) + report.renderEndpointNotesText(notesOf(listed)) + report.renderLeftOutText(leftOut),
            json: () => report.renderServiceReachJson(reach, { ...report.endpointNotesJson(notesOf(listed)), ...report.leftOutJson(leftOut) }),
            summary: () => report.renderServiceReachSummary(reach),
            markdown: () => report.renderServiceReachMarkdown(reach) + report.renderEndpointNotesMarkdown(notesOf(listed)) + report.renderLeftOutMarkdown(leftOut),
          };
          cli.io.stdout.write(render[options.format]());
          return ExitCode.Ok;
        }
        // The ingress controller's flows to each Ingress and route backend, on their target ports.
        const controllerFlows = workflows
          .ingressControllerFlows(model, new workflows.IngressController(model, options.ingressController, new workflows.ServiceProbe(model, analyzer)))
          .filter((flow) => options.port === undefined || flow.port === undefined || (flow.port === options.port && flow.protocol === options.protocol));
        const jsonExtra = (listed: readonly string[]) => ({
          ...report.endpointNotesJson(notesOf(listed)),
          ...report.ingressControllerFlowsJson(controllerFlows),
          ...report.leftOutJson(leftOut),
        });
        if (options.format === 'summary') {
          // Counted, never listed: the pairs of a large open estate do not fit in memory.
          const probe = options.port === undefined ? undefined : { port: options.port, protocol: options.protocol };
          const summary = probe ? workflows.countReachOnPort(analyzer, probe, scope) : workflows.countReachOnAllPorts(analyzer, scope);
          cli.io.stdout.write(report.renderReachSummary(summary));
          return ExitCode.Ok;
        }
        if (options.port !== undefined) {
          const result = reachOnPort(analyzer, { port: options.port, protocol: options.protocol }, scope);
          const notes = notesOf(result.endpoints);
          const render = {
            text: () =>
              report.renderReachText(result) +
              report.renderIngressControllerFlowsText(controllerFlows) +
              report.renderEndpointNotesText(notes) +
              report.renderLeftOutText(leftOut),
            json: () => report.renderReachJson(result, jsonExtra(result.endpoints)),
            markdown: () =>
              report.renderReachMarkdown(result) +
              report.renderIngressControllerFlowsMarkdown(controllerFlows) +
              report.renderEndpointNotesMarkdown(notes) +
              report.renderLeftOutMarkdown(leftOut),
          };
          cli.io.stdout.write(render[options.format]());
          return ExitCode.Ok;
        }
        const { endpoints, flows } = reachOnAllPorts(analyzer, scope);
        if (options.format === 'json') {
          report.writePortMatrixJson(endpoints, flows, cli.io.stdout, jsonExtra(endpoints));
        } else if (options.format === 'text') {
          cli.io.stdout.write(
            report.renderPortMatrixText(endpoints, flows) +
              report.renderIngressControllerFlowsText(controllerFlows) +
              report.renderEndpointNotesText(notesOf(endpoints)) +
              report.renderLeftOutText(leftOut),
          );
        } else {
          cli.io.stdout.write(
            report.renderPortMatrixMarkdown(endpoints, flows) +
              report.renderIngressControllerFlowsMarkdown(controllerFlows) +
              report.renderEndpointNotesMarkdown(notesOf(endpoints)) +
              report.renderLeftOutMarkdown(leftOut),
          );
        }
        return ExitCode.Ok;
      }),
    );
}
