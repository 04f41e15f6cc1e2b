import { Analyzer, DirectionVerdict, Explanation, Peer, PortProbe, RuleRef, addressPeers, externalPeerOf } from '../analysis';
import { ClusterModel, Endpoint, Labels, NAMESPACE_NAME_LABEL, endpointId } from '../model';

/** A pod the inputs do not hold, standing for a caller of a Service (an ingress controller). */
export interface StandInPod {
  readonly namespace: string;
  readonly labels: Labels;
}

/**
 * The namespace of the stand-in for "a pod of which nothing is known": a name no input can
 * use (braces are not valid in a namespace name), so no namespace selector naming a namespace
 * matches it.
 */
const UNKNOWN_NAMESPACE = '{unknown}';
const STAND_IN_NAME = '{ingress-controller}';

/**
 * Questions about the traffic a Service's callers send, answered by the analysis engine over
 * the model (never a second evaluator): the model's own Analyzer for endpoints of the inputs,
 * addresses outside the cluster (one per run of addresses no ipBlock tells apart, so any
 * ipBlock rule is probed), and a second Analyzer over the model plus stand-in pods: a pod with
 * no labels in a namespace nothing is known of (admitted by rules with no `from`, by
 * `namespaceSelector: {}`, and by selectors on absent labels), and a named caller that is not
 * in the inputs.
 */
export class ServiceProbe {
  readonly analyzer: Analyzer;
  private readonly outside: readonly Peer[];
  private readonly standInPods: readonly Endpoint[];
  private readonly standInIds: readonly string[];
  /** Made on first use: reach asks it only when Ingress or route objects are in the inputs. */
  private standInAnalyzer?: Analyzer;

  constructor(
    readonly model: ClusterModel,
    analyzer?: Analyzer,
    standIns: readonly StandInPod[] = [],
  ) {
    this.analyzer = analyzer ?? new Analyzer(model);
    const addresses = ['0.0.0.0/0', '::/0'].flatMap((network) => externalPeerOf(network, model)?.addresses ?? []);
    this.outside = addressPeers(addresses);
    const pods: Endpoint[] = [
      { namespace: UNKNOWN_NAMESPACE, name: STAND_IN_NAME, kind: 'Pod', labels: {}, ports: [], ips: [] },
      ...standIns.map((pod, index) => ({ namespace: pod.namespace, name: `${STAND_IN_NAME}-${index}`, kind: 'Pod', labels: pod.labels, ports: [], ips: [] })),
    ];
    this.standInPods = pods;
    this.standInIds = pods.map(endpointId);
  }

  private get standIns(): Analyzer {
    if (!this.standInAnalyzer) {
      const namespaces = [...this.model.namespaces];
      for (const namespace of new Set(this.standInPods.map((pod) => pod.namespace))) {
        if (!namespaces.some((known) => known.name === namespace)) {
          namespaces.push({ name: namespace, labels: { [NAMESPACE_NAME_LABEL]: namespace } });
        }
      }
      this.standInAnalyzer = new Analyzer({ ...this.model, namespaces, endpoints: [...this.model.endpoints, ...this.standInPods] });
    }
    return this.standInAnalyzer;
  }

  /** The flow from an endpoint of the inputs to a pod of the Service on its target port. */
  explain(from: string, to: string, probe: PortProbe): Explanation {
    return this.analyzer.explain({ kind: 'endpoint', id: from }, { kind: 'endpoint', id: to }, probe);
  }

  /** The flow from the `index`th stand-in pod given to the constructor. */
  explainFromStandIn(index: number, to: string, probe: PortProbe): Explanation {
    return this.standIns.explain({ kind: 'endpoint', id: this.standInIds[index + 1] }, { kind: 'endpoint', id: to }, probe);
  }

  /** The ingress verdict of `to` for a source. */
  private ingress(explanation: Explanation): DirectionVerdict {
    return explanation.ingress as DirectionVerdict;
  }

  /** Whether a pod is isolated for ingress (some policy selects it for Ingress). */
  isIngressIsolated(to: string, probe: PortProbe): boolean {
    return this.ingress(this.analyzer.explain(this.outside[0], { kind: 'endpoint', id: to }, probe)).isolated;
  }

  /** Whether some address outside the cluster is admitted by `to`'s ingress rules on the probe. */
  admitsOutside(to: string, probe: PortProbe): boolean {
    return this.outside.some((peer) => this.analyzer.explain(peer, { kind: 'endpoint', id: to }, probe).allowed);
  }

  /** Whether a pod with no labels in a namespace nothing is known of may reach `to` on the probe. */
  admitsUnknownPod(to: string, probe: PortProbe): boolean {
    return this.standIns.explain({ kind: 'endpoint', id: this.standInIds[0] }, { kind: 'endpoint', id: to }, probe).allowed;
  }

  /**
   * The sources `to`'s ingress rules admit on the probe, with the rules that admit them: every
   * endpoint of the inputs and the addresses outside, each with its ingress verdict.
   */
  ingressVerdicts(to: string, probe: PortProbe): { readonly source: Peer; readonly verdict: DirectionVerdict }[] {
    const destination: Peer = { kind: 'endpoint', id: to };
    const sources: Peer[] = [...this.analyzer.endpointIds().map((id): Peer => ({ kind: 'endpoint', id })), ...this.outside];
    return sources.map((source) => ({ source, verdict: this.ingress(this.analyzer.explain(source, destination, probe)) }));
  }

  /** The ingress rules of `to`'s isolating policies that admit the probe from any peer (Analyzer.ingressRulesOnPort). */
  ingressRulesOnPort(to: string, probe: PortProbe): RuleRef[] {
    return this.analyzer.ingressRulesOnPort(to, probe);
  }
}
