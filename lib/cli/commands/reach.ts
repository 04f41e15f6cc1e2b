import { Command } from 'commander';
import { compareFlows } from '../../analysis/compare-flows';
import { keepsEither } from '../../analysis/endpoint-filter';
import type { Protocol } from '../../model';
import { compareText } from '../../model/compare-text';
import { CliContext } from '../cli-context';
import { EndpointFilterOptions, endpointFilter, fromOption, toOption } from '../endpoint-filter';
import { ExitCode } from '../exit-code';
import { externalOption, externalTarget } from '../external-target';
import { loadAnalysisModel } from '../load-inputs';
import { formatOption, namespaceOption } from '../options';
import { portOption, protocolOption } from '../probe-options';

interface ReachOptions extends EndpointFilterOptions {
  port?: number;
  protocol: Protocol;
  format: 'text' | 'json' | 'summary' | 'markdown';
  external?: string;
  namespace: string;
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
    .action(
      cli.action(async (paths: string[], options: ReachOptions) => {
        const model = await loadAnalysisModel(cli, paths, options.namespace);
        const { Analyzer } = await import('../../analysis/analyzer');
        const { externalFlows } = await import('../../analysis/external-peers');
        const { portSetHas } = await import('../../analysis/port-set');
        const analyzer = new Analyzer(model);
        const ids = analyzer.endpointIds();
        const filter = endpointFilter(options, ids);
        const externals = options.external === undefined ? [] : [externalTarget(options.external, model)];
        // Reach and the port matrix list the same peers: those either filter keeps (an external
        // peer is no namespace or endpoint, so a filter given drops its rows on that side).
        const listed = [...ids, ...externals.map((external) => external.label)].filter((id) => keepsEither(filter, id));
        const endpoints = listed.sort(compareText);
        const outside = externalFlows(analyzer, externals, filter);
        const report = await import('../../report');
        if (options.port !== undefined) {
          const probe = { port: options.port, protocol: options.protocol };
          const result = analyzer.reach(probe, filter);
          const allowed = [...result.allowed, ...outside.filter((flow) => portSetHas(flow.ports, probe)).map((flow) => [flow.from, flow.to] as const)];
          allowed.sort((a, b) => compareText(a[0], b[0]) || compareText(a[1], b[1]));
          const render = { text: report.renderReachText, json: report.renderReachJson, summary: report.renderReachSummary, markdown: report.renderReachMarkdown };
          cli.io.stdout.write(render[options.format]({ ...result, endpoints, allowed }));
          return ExitCode.Ok;
        }
        // portMatrix is already in id order: only external flows need sorting in. (Not
        // push(...outside): an estate has more external flows than a call takes arguments.)
        const matrix = analyzer.portMatrix(filter);
        const entries = outside.length === 0 ? matrix : [...matrix, ...outside].sort(compareFlows);
        if (options.format === 'summary') {
          cli.io.stdout.write(report.renderReachSummary({ endpoints, allowed: entries }));
        } else if (options.format === 'json') {
          report.writePortMatrixJson(endpoints, entries, cli.io.stdout);
        } else {
          const render = { text: report.renderPortMatrixText, markdown: report.renderPortMatrixMarkdown };
          cli.io.stdout.write(render[options.format](endpoints, entries));
        }
        return ExitCode.Ok;
      }),
    );
}
