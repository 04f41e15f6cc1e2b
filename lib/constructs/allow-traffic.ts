import { Construct } from 'constructs';
import { AllowFrom } from './allow-from';
import { AllowTo } from './allow-to';
import { IpRange } from './ip-range';
import { NamespacePolicyChart } from './namespace-policy-chart';
import { PodsLike, toPods } from './pods';
import { PolicyEnforcementProps } from './policy-enforcement';
import { Port } from './port';
import { Service } from './service';
import { Workload } from './workload';

/** One side of a flow: pods in a namespace (a workload, or a Service's pods), or addresses outside the cluster. */
export type FlowEnd = PodsLike | IpRange;

/** Props for `AllowTraffic`. */
export interface AllowTrafficProps extends PolicyEnforcementProps {
  /**
   * The client: a workload whose namespace has a `NamespacePolicyChart` in the app (it gets the
   * egress policy), or addresses outside the cluster (then only the ingress policy is written).
   */
  readonly from: FlowEnd;
  /**
   * The server: a workload whose namespace has a `NamespacePolicyChart` in the app (it gets the
   * ingress policy), or addresses outside the cluster (then only the egress policy is written).
   */
  readonly to: FlowEnd;
  /**
   * The destination ports; named ports resolve on the server's pods, `Port.service` entries
   * on the server when it is a Service.
   * @default every port of every protocol; to a Service, its target ports
   */
  readonly ports?: readonly Port[];
}

/**
 * Both sides of one flow in one line: under a default deny both ways, traffic from A to B needs
 * A's egress AND B's ingress, in two namespaces. This writes the egress policy
 * `<id>-egress` (an `AllowTo`) in the client's `NamespacePolicyChart` and the ingress policy
 * `<id>-ingress` (an `AllowFrom`) in the server's. A side outside the cluster (an `IpRange`)
 * has no policy of its own: only the in-cluster side is written.
 *
 * ```ts
 * new AllowTraffic(app, 'web-to-api', { from: web, to: api, ports: [Port.tcp(8080)] });
 * // shop-web/web-to-api-egress: egress from web to api (namespaceSelector AND podSelector)
 * // shop-api/web-to-api-ingress: ingress to api from web
 * ```
 *
 * Workloads must name their namespace (`Workload.select(labels, { namespace })`, or a
 * cdk8s-plus workload in a chart with a namespace), and the charts must exist before this
 * construct is created.
 */
export class AllowTraffic extends Construct {
  /** The egress policy in the client's namespace; undefined when the client is outside the cluster. */
  public readonly egressPolicy: AllowTo | undefined;
  /** The ingress policy in the server's namespace; undefined when the server is outside the cluster. */
  public readonly ingressPolicy: AllowFrom | undefined;

  public constructor(scope: Construct, id: string, props: AllowTrafficProps) {
    super(scope, id);
    const client = endOf(this, 'from', props.from);
    const server = endOf(this, 'to', props.to);
    if (!client.pods && !server.pods) {
      throw new Error(`${this.node.path}: from and to are both outside the cluster; no NetworkPolicy governs that flow`);
    }
    const egress = client.pods && { chart: chartFor(this, 'from', client.pods.workload), pods: client.pods.given };
    const ingress = server.pods && { chart: chartFor(this, 'to', server.pods.workload), pods: server.pods.given };
    this.egressPolicy = egress && new AllowTo(egress.chart, `${id}-egress`, { pods: egress.pods, to: server.peer, ports: props.ports, enforcement: props.enforcement });
    this.ingressPolicy = ingress && new AllowFrom(ingress.chart, `${id}-ingress`, { pods: ingress.pods, from: client.peer, ports: props.ports, enforcement: props.enforcement });
  }
}

/** One side of the flow: as a peer, and, in the cluster, as the pods that get a policy. */
interface FlowSide {
  readonly peer: Workload | Service | IpRange;
  /**
   * The pods as given (a Service stays one, so the ports default to its target ports) and as
   * a workload.
   * @default none: outside the cluster
   */
  readonly pods?: { readonly given: Workload | Service; readonly workload: Workload };
}

function endOf(construct: Construct, side: 'from' | 'to', end: FlowEnd): FlowSide {
  if (end instanceof IpRange) {
    return { peer: end };
  }
  const { workload, service } = toPods(end, `${construct.node.path}: ${side}`);
  if (workload.namespaceSelector !== undefined) {
    throw new Error(
      `${construct.node.path}: ${side}: the pods must be in one named namespace, not namespaces selected by label: ` +
        'its policy is written in that namespace',
    );
  }
  const given = service ?? workload;
  return { peer: given, pods: { given, workload } };
}

/** The one NamespacePolicyChart of the workload's namespace in the app. */
function chartFor(construct: Construct, side: 'from' | 'to', workload: Workload): NamespacePolicyChart {
  const namespace = workload.namespace;
  if (namespace === undefined) {
    throw new Error(
      `${construct.node.path}: ${side}: the workload has no namespace; give it one ` +
        "(Workload.select(labels, { namespace: 'shop' }) or Workload.allIn('shop'))",
    );
  }
  const charts = construct.node.root.node
    .findAll()
    .filter((node): node is NamespacePolicyChart => node instanceof NamespacePolicyChart && node.namespace === namespace);
  if (charts.length === 0) {
    throw new Error(
      `${construct.node.path}: ${side}: namespace "${namespace}" has no NamespacePolicyChart in the app; ` +
        `create one (new NamespacePolicyChart(app, '${namespace}', { namespace: '${namespace}' })) before this construct`,
    );
  }
  if (charts.length > 1) {
    throw new Error(
      `${construct.node.path}: ${side}: namespace "${namespace}" has ${charts.length} NamespacePolicyCharts ` +
        `(${charts.map((chart) => chart.node.path).join(', ')}); keep one chart per namespace, or write AllowTo and AllowFrom in the chart you choose`,
    );
  }
  return charts[0];
}
