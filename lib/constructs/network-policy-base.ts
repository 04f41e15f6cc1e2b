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
import { addEstateChecks } from './estate-checks';
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
 * The common base of every construct here: the construct IS the emitted
 * `k8s.KubeNetworkPolicy` (no wrapper node: cdk8s walks the whole app once per chart, so a
 * second node per policy would nearly double synth time), named exactly by the construct id, in the
 * chart's namespace, with `policyTypes` always explicit (never left to the API server's
 * defaulting). It refuses to render when the API server would reject it: the final JSON
 * (escape-hatch patches included) is validated once, where cdk8s renders it.
 */
export abstract class NetworkPolicyBase extends k8s.KubeNetworkPolicy {
  /**
   * Plain prototype-chain `instanceof`: the one inherited from `ApiObject` is true for every
   * ApiObject.
   */
  public static [Symbol.hasInstance](value: unknown): value is NetworkPolicyBase {
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }

  /** The namespace of the policy (from the chart). */
  public readonly namespace: string;
  /** The pods the policy applies to. */
  public readonly pods: Workload;
  private readonly definition: PolicyDefinition;

  protected constructor(scope: Construct, id: string, definition: PolicyDefinition) {
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    const namespace = Chart.of(scope).namespace;
    if (!namespace) {
      throw new Error(`${path}: a NetworkPolicy needs a namespace: define it in a NamespacePolicyChart or a Chart with a namespace`);
    }
    const pods = toWorkload(definition.pods ?? Workload.all());
    if (pods.namespace !== undefined && pods.namespace !== namespace) {
      throw new Error(
        `${path}: pods: a NetworkPolicy applies to pods of its own namespace "${namespace}", ` +
          `but the workload is in "${pods.namespace}"; define this construct in a chart for that namespace`,
      );
    }
    for (const [side, rules] of [['from', definition.ingress], ['to', definition.egress]] as const) {
      if ((rules ?? []).some((rule) => rule.peers !== undefined && rule.peers.length === 0)) {
        throw new Error(`${path}: ${side}: give at least one peer; an empty list would allow every peer`);
      }
    }
    super(scope, id, {
      metadata: { name: id },
      spec: Lazy.any({ produce: () => toKubeSpec(renderSpec(definition, pods, namespace)) }),
    });
    this.namespace = namespace;
    this.pods = pods;
    this.definition = definition;
    addEstateChecks(this, () => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: id, namespace },
      spec: this.toSpec(),
    }));
  }

  /** The spec this construct emits, in wire shape. */
  public toSpec(): NetworkPolicySpec {
    return renderSpec(this.definition, this.pods, this.namespace);
  }

  /** The NetworkPolicy object exactly as synthesized. */
  public toNetworkPolicy(): NetworkPolicy {
    return this.toJson() as NetworkPolicy;
  }

  /**
   * Renders the object for cdk8s and refuses it when the API server would: then every policy
   * of ours in the app is checked, so one error lists all of them, in cdk8s's
   * `[construct/path] field: message` shape. Lint warnings print once.
   */
  public override toJson(): any {
    const json = super.toJson();
    if (this.apiServerErrors(json).length > 0) {
      const errors = this.node.root.node
        .findAll()
        .flatMap((construct) => (construct instanceof NetworkPolicyBase ? construct.apiServerErrors(construct.render()) : []));
      throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
    }
    return json;
  }

  /** The workloads this policy applies to or names as peers (not whole namespaces). */
  public declaredWorkloads(): DeclaredWorkload[] {
    const rules = [...(this.definition.ingress ?? []), ...(this.definition.egress ?? [])];
    return [
      ...this.pods.declaredWorkloads(this.namespace),
      ...rules.flatMap((rule) => (rule.peers ?? []).flatMap((peer) => peer.declaredWorkloads(this.namespace))),
    ];
  }

  /**
   * Warnings about this construct's inputs beyond the API server's rules, printed once at
   * synth (as `construct/path: message`).
   */
  protected inputWarnings(): string[] {
    return [];
  }

  /** The final JSON, without validation. */
  private render(): unknown {
    return super.toJson();
  }

  /** The API-server errors about `json` as `[path] field: message`; warnings are printed. */
  private apiServerErrors(json: unknown): string[] {
    const errors: string[] = [];
    for (const finding of validateNetworkPolicy(json)) {
      const text = `${finding.path}: ${finding.message}`;
      if (finding.severity === 'error') {
        errors.push(`[${this.node.path}] ${text}`);
      } else {
        warnOnce(this, `${this.node.path}: ${text}`);
      }
    }
    for (const warning of this.inputWarnings()) {
      warnOnce(this, `${this.node.path}: ${warning}`);
    }
    return errors;
  }
}

function renderSpec(definition: PolicyDefinition, pods: Workload, namespace: string): NetworkPolicySpec {
  const { ingress, egress } = definition;
  const policyTypes: PolicyType[] = [];
  if (ingress) {
    policyTypes.push('Ingress');
  }
  if (egress) {
    policyTypes.push('Egress');
  }
  return {
    podSelector: pods.toPodSelector(),
    policyTypes,
    ...(ingress && ingress.length > 0 ? { ingress: ingress.map((rule) => renderRule(rule, 'from', namespace)) } : {}),
    ...(egress && egress.length > 0 ? { egress: egress.map((rule) => renderRule(rule, 'to', namespace)) } : {}),
  };
}

function renderRule(rule: PolicyRule, side: 'from' | 'to', namespace: string): NetworkPolicyIngressRule & NetworkPolicyEgressRule {
  const peers = (rule.peers ?? []).map((peer) => peer.toNetworkPolicyPeer(namespace));
  const ports = (rule.ports ?? []).map((port) => port.toNetworkPolicyPort());
  return {
    ...(peers.length > 0 ? { [side]: peers } : {}),
    ...(ports.length > 0 ? { ports } : {}),
  };
}
