import { Chart, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  NetworkPolicy,
  NetworkPolicyEgressRule,
  NetworkPolicyIngressRule,
  NetworkPolicySpec,
  PolicyType,
} from '../model';
import { validateNetworkPolicy } from '../validate';
import { addEstateChecks, estateErrorsFor } from './estate-checks';
import { toKubeSpec } from './kube-spec';
import { DeclaredWorkload, IPeer } from './peer';
import { Port } from './port';
import { warnOnce } from './synth-warnings';
import { toWorkload, Workload, WorkloadLike } from './workload';

/** One rule: traffic with any of the peers on any of the ports. */
export interface PolicyRule {
  /**
   * The peers; several are an OR (one rule, several peers).
   * @default every peer, in the cluster and outside it (`from`/`to` omitted)
   */
  readonly peers?: readonly IPeer[];
  /**
   * The ports.
   * @default every port of every protocol (`ports` omitted)
   */
  readonly ports?: readonly Port[];
}

/** What a NetworkPolicy construct emits, before rendering. */
export interface PolicyDefinition {
  /**
   * The pods the policy applies to, in the chart's namespace.
   * @default every pod of the namespace (`podSelector: {}`)
   */
  readonly pods?: WorkloadLike;
  /**
   * Ingress rules. Present (even empty) means the policy isolates the pods for ingress.
   * @default ingress is not governed by this policy
   */
  readonly ingress?: readonly PolicyRule[];
  /**
   * Egress rules. Present (even empty) means the policy isolates the pods for egress.
   * @default egress is not governed by this policy
   */
  readonly egress?: readonly PolicyRule[];
}

/**
 * The common base of every construct here: emits ONE `k8s.KubeNetworkPolicy` named
 * exactly by the construct id, in the chart's namespace, with `policyTypes` always explicit
 * (never left to the API server's defaulting), and refuses to synthesize it when the API
 * server would reject it.
 */
export abstract class NetworkPolicyBase extends Construct {
  /** The emitted L1 object. */
  public readonly apiObject: k8s.KubeNetworkPolicy;
  /** The namespace of the policy (from the chart). */
  public readonly namespace: string;
  /** The pods the policy applies to. */
  public readonly pods: Workload;
  private readonly definition: PolicyDefinition;

  protected constructor(scope: Construct, id: string, definition: PolicyDefinition) {
    super(scope, id);
    const namespace = Chart.of(this).namespace;
    if (!namespace) {
      throw new Error(
        `${this.node.path}: a NetworkPolicy needs a namespace: define it in a NamespacePolicyChart or a Chart with a namespace`,
      );
    }
    this.namespace = namespace;
    this.pods = toWorkload(definition.pods ?? Workload.all());
    if (this.pods.namespace !== undefined && this.pods.namespace !== namespace) {
      throw new Error(
        `${this.node.path}: pods: a NetworkPolicy applies to pods of its own namespace "${namespace}", ` +
          `but the workload is in "${this.pods.namespace}"; define this construct in a chart for that namespace`,
      );
    }
    for (const [side, rules] of [['from', definition.ingress], ['to', definition.egress]] as const) {
      if ((rules ?? []).some((rule) => rule.peers !== undefined && rule.peers.length === 0)) {
        throw new Error(
          `${this.node.path}: ${side}: give at least one peer; an empty list would allow every peer`,
        );
      }
    }
    this.definition = definition;
    this.apiObject = new k8s.KubeNetworkPolicy(this, 'Resource', {
      metadata: { name: id },
      spec: Lazy.any({ produce: () => toKubeSpec(this.toSpec()) }),
    });
    this.node.addValidation({ validate: () => this.validatePolicy() });
    addEstateChecks(this);
  }

  /** The spec this construct emits, in wire shape. */
  public toSpec(): NetworkPolicySpec {
    const { ingress, egress } = this.definition;
    const policyTypes: PolicyType[] = [];
    if (ingress) {
      policyTypes.push('Ingress');
    }
    if (egress) {
      policyTypes.push('Egress');
    }
    return {
      podSelector: this.pods.toPodSelector(),
      policyTypes,
      ...(ingress && ingress.length > 0 ? { ingress: ingress.map((rule) => this.renderRule(rule, 'from')) } : {}),
      ...(egress && egress.length > 0 ? { egress: egress.map((rule) => this.renderRule(rule, 'to')) } : {}),
    };
  }

  /** The NetworkPolicy object exactly as synthesized. */
  public toNetworkPolicy(): NetworkPolicy {
    return this.apiObject.toJson() as NetworkPolicy;
  }

  /** The workloads this policy applies to or names as peers (not whole namespaces). */
  public declaredWorkloads(): DeclaredWorkload[] {
    const rules = [...(this.definition.ingress ?? []), ...(this.definition.egress ?? [])];
    return [
      ...this.pods.declaredWorkloads(this.namespace),
      ...rules.flatMap((rule) => (rule.peers ?? []).flatMap((peer) => peer.declaredWorkloads(this.namespace))),
    ];
  }

  private renderRule(rule: PolicyRule, side: 'from' | 'to'): NetworkPolicyIngressRule & NetworkPolicyEgressRule {
    const peers = (rule.peers ?? []).map((peer) => peer.toNetworkPolicyPeer(this.namespace));
    const ports = (rule.ports ?? []).map((port) => port.toNetworkPolicyPort());
    return {
      ...(peers.length > 0 ? { [side]: peers } : {}),
      ...(ports.length > 0 ? { ports } : {}),
    };
  }

  /**
   * API-server errors and estate errors (duplicate names) fail the synth, cdk8s prefixing the
   * construct path; lint is printed once.
   */
  private validatePolicy(): string[] {
    const errors: string[] = [];
    for (const finding of validateNetworkPolicy(this.toNetworkPolicy())) {
      const text = `${finding.path}: ${finding.message}`;
      if (finding.severity === 'error') {
        errors.push(text);
      } else {
        warnOnce(this, `${this.node.path}: ${text}`);
      }
    }
    return [...errors, ...estateErrorsFor(this)];
  }
}
