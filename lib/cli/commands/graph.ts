import { promises as fs } from 'fs';
import { Command, Option } from 'commander';
import type { Protocol } from '../../model';
import type { GraphGrouping } from '../../report';
import { CliContext } from '../cli-context';
import { EndpointFilterOptions, endpointFilter, fromOption, toOption } from '../endpoint-filter';
import { CliError, ExitCode } from '../exit-code';
import { externalOption, externalTarget } from '../external-target';
import { loadAnalysis } from '../load-inputs';
import { formatOption } from '../options';
import { portOption, protocolOption } from '../probe-options';
import { AnalysisFlags, addAnalysisFlags, analysisOptionsOf } from '../analysis-flags';

interface GraphOptions extends EndpointFilterOptions, AnalysisFlags {
  format: 'mermaid' | 'dot' | 'html';
  port?: number;
  protocol: Protocol;
  external?: string;
  output?: string;
  group?: GraphGrouping;
}

/** Beyond this many arrows a picture stops telling anyone anything. */
const READABLE_EDGES = 400;

/** `netpol graph`: a picture of who can reach whom, as Mermaid, Graphviz DOT or one HTML page. */
export function graphCommand(cli: CliContext): Command {
  const command = new Command('graph')
    .description('draw who can reach whom: Mermaid for pull requests, DOT for Graphviz, or a self-contained HTML page')
    .argument('<paths...>', 'manifest files or directories, - for standard input')
    .addOption(formatOption(['mermaid', 'dot', 'html']))
    .addOption(portOption('draw only this port (1-65535)'))
    .addOption(protocolOption('protocol of --port: TCP, UDP or SCTP'))
    .addOption(fromOption())
    .addOption(toOption())
    .addOption(
      new Option('--group <unit>', 'mermaid and dot: one node per endpoint or per namespace (edges folded, with counts); the HTML page always opens on namespaces').choices(['endpoint', 'namespace']),
    )
    .addOption(externalOption('add an address (IP) or network (CIDR) outside the cluster as a node'))
    .option('-o, --output <file>', 'write to this file instead of standard output');
  return addAnalysisFlags(command, { staged: true })
    .action(
      cli.action(async (paths: string[], options: GraphOptions) => {
        if (options.format === 'html' && options.group !== undefined) {
          throw new CliError('--group applies to --format mermaid and dot: the HTML page opens on namespaces and opens each in place');
        }
        const load = await loadAnalysis(cli, paths, options.namespace, await analysisOptionsOf(options));
        const { Analyzer } = await import('../../analysis');
        const { connectivityPicture, graphRuleTables } = await import('../../workflows');
        const report = await import('../../report');
        const analyzer = new Analyzer(load.model);
        const ids = analyzer.endpointIds();
        if (ids.length === 0) {
          cli.note('netpol graph: the inputs hold no Pods or workloads (Deployment, StatefulSet, ...), so there is nothing to draw: add their manifests to the paths');
        }
        cli.progress(`analysing ${ids.length} endpoints under ${load.model.policies.length} policies`);
        const { graph, findings, caveats, limits, explanationNote } = connectivityPicture(analyzer, load, {
          probe: options.port === undefined ? undefined : { port: options.port, protocol: options.protocol },
          filter: endpointFilter(options, ids),
          externals: options.external === undefined ? [] : [externalTarget(options.external, load.model)],
        });
        // loadAnalysis has written the load's findings to stderr; the caveats of what is drawn follow
        // them whatever the format, and the HTML page shows both.
        const notices = report.renderEndpointNotesText({ workloads: [], caveats });
        if (notices !== '') {
          cli.note(notices);
        }
        const edges = report.drawnEdges(graph).length;
        if (options.format !== 'html' && options.group !== 'namespace' && edges > READABLE_EDGES) {
          cli.note(`netpol graph: ${edges} edges will be hard to read: fold them with --group namespace, or narrow the picture with --from/--to or --port`);
        }
        cli.progress(`drawing ${graph.nodes.length} nodes and ${edges} edges`);
        const render = {
          html: () => report.renderHtmlGraph(graph, graphRuleTables(analyzer, graph), { title: `netpol graph ${paths.join(' ')}`, findings, caveats, limits, explanationNote }),
          dot: () => report.renderDotGraph(graph, { group: options.group }),
          mermaid: () => report.renderMermaidGraph(graph, { group: options.group }),
        };
        const text = render[options.format]();
        if (options.output === undefined) {
          cli.io.stdout.write(text);
        } else {
          await fs.writeFile(options.output, text).catch((error: NodeJS.ErrnoException) => {
            throw new CliError(`-o ${options.output}: cannot write the graph: ${error.code ?? error.message}`);
          });
          cli.note(`netpol graph: wrote ${options.output}`);
        }
        return ExitCode.Ok;
      }),
    );
}
