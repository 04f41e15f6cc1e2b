import { Command } from 'commander';
import type { Protocol } from '../../model';
import { CliContext } from '../cli-context';
import { EndpointFilterOptions, endpointFilter, fromOption, toOption } from '../endpoint-filter';
import { ExitCode } from '../exit-code';
import { externalOption, externalTarget } from '../external-target';
import { loadAnalysis } from '../load-inputs';
import { formatOption, namespaceOption, perPodOption } from '../options';
import { portOption, protocolOption } from '../probe-options';

interface ReachOptions extends EndpointFilterOptions {
  port?: number;
  protocol: Protocol;
  format: 'text' | 'json' | 'summary' | 'markdown';
  external?: string;
  namespace: string;
  perPod: boolean;
}

/** `netpol reach`: who can reach whom, on one port or on every port. */
export function reachCommand(cli: CliContext): Command {
  return new Command('reach')
    .description('show which endpoints can reach which: on one port (--port) or every allowed port per pair')
    .argument('<paths...>', 'manifest files or directories, - for standard input')
    .addOption(portOption('probe one port (1-65535)'))
    .addOption(protocolOption('protocol of --port: TCP, UDP or SCTP'))
    .addOption(formatOption(['text', 'json', 'summary', 'markdown']))
    .addOption(fromOption())
    .addOption(toOption())
    .addOption(externalOption('add an address (IP) or network (CIDR) outside the cluster, both directions'))
    .addOption(namespaceOption())
    .addOption(perPodOption())
    .action(
      cli.action(async (paths: string[], options: ReachOptions) => {
        const load = await loadAnalysis(cli, paths, options.namespace, options.perPod);
        const { model } = load;
        const { Analyzer } = await import('../../analysis');
        const { leftOutOfAnalysis, reachOnAllPorts, reachOnPort } = await import('../../workflows');
        const report = await import('../../report');
        const { endpointNotes } = await import('../../model');
        const analyzer = new Analyzer(model);
        const scope = {
          filter: endpointFilter(options, analyzer.endpointIds()),
          externals: options.external === undefined ? [] : [externalTarget(options.external, model)],
        };
        // Caveats (hostNetwork, labels the input cannot know) of the endpoints listed.
        const notesOf = (listed: readonly string[]) => endpointNotes(model.endpoints, new Set(listed));
        // What the answer does not include: invalid objects and policies of kinds not evaluated.
        const leftOut = leftOutOfAnalysis(load);
        const jsonExtra = (listed: readonly string[]) => ({ ...report.endpointNotesJson(notesOf(listed)), ...report.leftOutJson(leftOut) });
        if (options.port !== undefined) {
          const result = reachOnPort(analyzer, { port: options.port, protocol: options.protocol }, scope);
          const notes = notesOf(result.endpoints);
          const render = {
            text: () => report.renderReachText(result) + report.renderEndpointNotesText(notes) + report.renderLeftOutText(leftOut),
            json: () => report.renderReachJson(result, jsonExtra(result.endpoints)),
            summary: () => report.renderReachSummary(result),
            markdown: () => report.renderReachMarkdown(result) + report.renderEndpointNotesMarkdown(notes) + report.renderLeftOutMarkdown(leftOut),
          };
          cli.io.stdout.write(render[options.format]());
          return ExitCode.Ok;
        }
        const { endpoints, flows } = reachOnAllPorts(analyzer, scope);
        if (options.format === 'summary') {
          cli.io.stdout.write(report.renderReachSummary({ endpoints, allowed: flows }));
        } else if (options.format === 'json') {
          report.writePortMatrixJson(endpoints, flows, cli.io.stdout, jsonExtra(endpoints));
        } else if (options.format === 'text') {
          cli.io.stdout.write(report.renderPortMatrixText(endpoints, flows) + report.renderEndpointNotesText(notesOf(endpoints)) + report.renderLeftOutText(leftOut));
        } else {
          cli.io.stdout.write(
            report.renderPortMatrixMarkdown(endpoints, flows) + report.renderEndpointNotesMarkdown(notesOf(endpoints)) + report.renderLeftOutMarkdown(leftOut),
          );
        }
        return ExitCode.Ok;
      }),
    );
}
