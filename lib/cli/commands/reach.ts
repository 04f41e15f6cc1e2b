import { Command, InvalidArgumentError, Option } from 'commander';
import type { Analyzer, EndpointFilter, PortMatrixEntry } from '../../analysis/analyzer';
import type { Peer, PortProbe, PortSet, ReachResult } from '../../analysis/types';
import { isEmptyPortSet, unionPortSets } from '../../analysis/port-set';
import { PROTOCOLS, Protocol, formatCidr, parseCidr, parseIp, type ClusterModel } from '../../model';
import { CliContext } from '../cli-context';
import { CliError, ExitCode } from '../exit-code';
import { loadInputs } from '../load-inputs';
import { formatOption, namespaceOption } from '../options';

/** `--port`: an integer 1..65535. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^[0-9]+$/.test(value) || port < 1 || port > 65535) {
    throw new InvalidArgumentError(`${JSON.stringify(value)} is not a port: use an integer between 1 and 65535`);
  }
  return port;
}

/** `--protocol`: TCP, UDP or SCTP (any case). */
export function parseProtocol(value: string): Protocol {
  const protocol = value.toUpperCase() as Protocol;
  if (!PROTOCOLS.includes(protocol)) {
    throw new InvalidArgumentError(`${JSON.stringify(value)} is not a protocol: use one of ${PROTOCOLS.join(', ')}`);
  }
  return protocol;
}

/**
 * Loads the inputs into a cluster model for analysis. Invalid policies make the analysis
 * meaningless, so their validation errors go to stderr and the command fails (exit 1).
 */
export async function loadAnalysisModel(cli: CliContext, paths: readonly string[], namespace: string): Promise<ClusterModel> {
  const loaded = await loadInputs(cli, paths, namespace);
  const { buildClusterModel } = await import('../../manifests/build-cluster-model');
  const { renderFindingsText } = await import('../../report/findings');
  const build = buildClusterModel(loaded.objects);
  const errors = build.findings.filter((finding) => finding.severity === 'error');
  if (build.rejected.length > 0) {
    cli.io.stderr.write(renderFindingsText(errors));
    throw new CliError(`refusing to analyse: ${build.rejected.length} invalid NetworkPolicy object(s); fix the errors above`, ExitCode.Findings);
  }
  return build.model;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Up to three known names closest to `wanted`, for "did you mean" hints. */
function closest(wanted: string, known: readonly string[]): string[] {
  return known
    .map((name) => ({ name, distance: editDistance(wanted, name) }))
    .filter(({ distance }) => distance <= Math.max(2, Math.floor(wanted.length / 3)))
    .sort((a, b) => a.distance - b.distance || (a.name < b.name ? -1 : 1))
    .slice(0, 3)
    .map(({ name }) => name);
}

/**
 * `--from`/`--to` as a predicate on endpoint ids: `namespace/name` for one endpoint, `namespace`
 * for all of a namespace. Unknown names are a usage error with close known names suggested.
 */
export function endpointSelector(option: string, value: string, ids: readonly string[]): (id: string) => boolean {
  const namespaces = [...new Set(ids.map((id) => id.slice(0, id.indexOf('/'))))].sort();
  if (value.includes('/') ? ids.includes(value) : namespaces.includes(value)) {
    return value.includes('/') ? (id) => id === value : (id) => id.startsWith(`${value}/`);
  }
  const what = value.includes('/') ? 'endpoint' : 'namespace';
  const suggestions = closest(value, value.includes('/') ? ids : namespaces);
  const hint = suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : `; known ${what}s: ${(value.includes('/') ? ids : namespaces).slice(0, 10).join(', ') || '(none)'}`;
  throw new CliError(`${option}: no ${what} ${JSON.stringify(value)} in the inputs${hint}`);
}

/** An address or network outside the cluster, asked about with `--external`. */
interface ExternalTarget {
  /** As the user wrote it; names the address in reports. */
  readonly label: string;
  /** Addresses that stand for every verdict the network can get: one per run of addresses no ipBlock tells apart. */
  readonly addresses: readonly string[];
}

function addressText(family: 4 | 6, value: bigint): string {
  const text = formatCidr({ family, network: value, last: value, prefix: family === 4 ? 32 : 128, hostBitsSet: false });
  return text.slice(0, text.indexOf('/'));
}

/**
 * Parses `--external`: an IP, or a CIDR standing for all its addresses. For a CIDR, the
 * ipBlock boundaries of every policy split it into runs with one verdict each; one address per
 * run is probed, so "allowed" means allowed for at least one address of the network.
 */
export function externalTarget(value: string, model: ClusterModel): ExternalTarget {
  if (parseIp(value)) {
    return { label: value, addresses: [value] };
  }
  const network = parseCidr(value);
  if (!network) {
    throw new CliError(`--external: ${JSON.stringify(value)} is not an IP address or CIDR (e.g. 203.0.113.9 or 203.0.113.0/24)`);
  }
  const starts = new Set<bigint>([network.network]);
  const blocks = model.policies.flatMap(({ policy }) =>
    [...(policy.spec.ingress ?? []).flatMap((rule) => rule.from ?? []), ...(policy.spec.egress ?? []).flatMap((rule) => rule.to ?? [])].flatMap(
      (peer) => (peer.ipBlock ? [peer.ipBlock.cidr, ...(peer.ipBlock.except ?? [])] : []),
    ),
  );
  for (const block of blocks.map(parseCidr)) {
    if (block && block.family === network.family) {
      for (const boundary of [block.network, block.last + 1n]) {
        if (network.network < boundary && boundary <= network.last) {
          starts.add(boundary);
        }
      }
    }
  }
  const addresses = [...starts].sort((a, b) => (a < b ? -1 : 1)).map((start) => addressText(network.family, start));
  return { label: value, addresses };
}

function externalPeers(target: ExternalTarget): Peer[] {
  return target.addresses.map((ip) => ({ kind: 'external', ip }));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The probe's result with the external target added as one more endpoint, both directions. */
function reachWithExternal(analyzer: Analyzer, probe: PortProbe, filter: EndpointFilter, target: ExternalTarget): ReachResult {
  const result = analyzer.reach(probe, filter);
  const outside = externalPeers(target);
  const allowed = [...result.allowed];
  for (const id of analyzer.endpointIds()) {
    const endpoint: Peer = { kind: 'endpoint', id };
    if ((filter.from?.(id) ?? true) && outside.some((peer) => analyzer.isAllowed(endpoint, peer, probe))) {
      allowed.push([id, target.label]);
    }
    if ((filter.to?.(id) ?? true) && outside.some((peer) => analyzer.isAllowed(peer, endpoint, probe))) {
      allowed.push([target.label, id]);
    }
  }
  allowed.sort((a, b) => compareText(a[0], b[0]) || compareText(a[1], b[1]));
  return { ...result, endpoints: [...result.endpoints, target.label].sort(compareText), allowed };
}

/** The port matrix with flows between endpoints and the external target added. */
function portMatrixWithExternal(analyzer: Analyzer, filter: EndpointFilter, target: ExternalTarget): PortMatrixEntry[] {
  const entries = [...analyzer.portMatrix(filter)];
  const outside = externalPeers(target);
  const union = (sets: PortSet[]): PortSet => unionPortSets(...sets);
  for (const id of analyzer.endpointIds()) {
    const endpoint: Peer = { kind: 'endpoint', id };
    const out = union(outside.map((peer) => analyzer.allowedPorts(endpoint, peer)));
    if ((filter.from?.(id) ?? true) && !isEmptyPortSet(out)) {
      entries.push({ from: id, to: target.label, ports: out });
    }
    const into = union(outside.map((peer) => analyzer.allowedPorts(peer, endpoint)));
    if ((filter.to?.(id) ?? true) && !isEmptyPortSet(into)) {
      entries.push({ from: target.label, to: id, ports: into });
    }
  }
  return entries.sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to));
}

interface ReachOptions {
  port?: number;
  protocol: Protocol;
  format: 'text' | 'json' | 'summary' | 'markdown';
  from?: string;
  to?: string;
  external?: string;
  namespace: string;
}

/** `netpol reach`: who can reach whom, on one port or on every port. */
export function reachCommand(cli: CliContext): Command {
  return new Command('reach')
    .description('show which endpoints can reach which: on one port (--port) or every allowed port per pair')
    .argument('<paths...>', 'manifest files or directories, - for standard input')
    .addOption(new Option('--port <port>', 'probe one port (1-65535)').argParser(parsePort))
    .addOption(new Option('--protocol <protocol>', 'protocol of --port: TCP, UDP or SCTP').default('TCP').argParser(parseProtocol))
    .addOption(formatOption(['text', 'json', 'summary', 'markdown']))
    .option('--from <source>', 'only sources: an endpoint namespace/name or a namespace')
    .option('--to <destination>', 'only destinations: an endpoint namespace/name or a namespace')
    .option('--external <address>', 'add an address (IP) or network (CIDR) outside the cluster, both directions')
    .addOption(namespaceOption())
    .action(
      cli.action(async (paths: string[], options: ReachOptions) => {
        const model = await loadAnalysisModel(cli, paths, options.namespace);
        const { Analyzer } = await import('../../analysis/analyzer');
        const analyzer = new Analyzer(model);
        const ids = analyzer.endpointIds();
        const filter: EndpointFilter = {
          from: options.from === undefined ? undefined : endpointSelector('--from', options.from, ids),
          to: options.to === undefined ? undefined : endpointSelector('--to', options.to, ids),
        };
        const target = options.external === undefined ? undefined : externalTarget(options.external, model);
        const report = await import('../../report');
        if (options.port !== undefined) {
          const probe = { port: options.port, protocol: options.protocol };
          const result = target ? reachWithExternal(analyzer, probe, filter, target) : analyzer.reach(probe, filter);
          const render = { text: report.renderReachText, json: report.renderReachJson, summary: report.renderReachSummary, markdown: report.renderReachMarkdown };
          cli.io.stdout.write(render[options.format](result));
          return ExitCode.Ok;
        }
        const entries = target ? portMatrixWithExternal(analyzer, filter, target) : analyzer.portMatrix(filter);
        const endpoints = [...ids.filter((id) => (filter.from?.(id) ?? true) || (filter.to?.(id) ?? true)), ...(target ? [target.label] : [])].sort(compareText);
        if (options.format === 'summary') {
          cli.io.stdout.write(JSON.stringify({ endpoints: endpoints.length, allowed: entries.length }) + '\n');
        } else {
          const render = { text: report.renderPortMatrixText, json: report.renderPortMatrixJson, markdown: report.renderPortMatrixMarkdown };
          cli.io.stdout.write(render[options.format](endpoints, entries));
        }
        return ExitCode.Ok;
      }),
    );
}
