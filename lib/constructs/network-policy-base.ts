import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import type { NetworkPolicy as NetworkPolicyObject, NetworkPolicyEgressRule, NetworkPolicyIngressRule, NetworkPolicySpec, PolicyType } from '../model';
import { acknowledgeAnnotations, dns1123SubdomainErrors, validateNetworkPolicy } from '../validate';
import { acknowledges, addAcknowledgements } from './construct-acknowledgements';
import { ConstructInputError } from './construct-input-error';
import { addEstateChecks, markEstateChanged } from './estate-checks';
import { DeclaredWorkload, IPeer, isAnywhere, PeersLike, toPeers } from './peer';
import { Port } from './port';
import { constructPath } from './props-check';
import { refuseWithAppErrors, warnOnce } from './synth-warnings';
import { toWorkload, Workload, WorkloadLike } from './workload';

/** One rule: traffic with any of the peers on any of the ports. */
export interface PolicyRule {
  /**
   * The peers; several are an OR (one rule, several peers). `[Peer.anywhere()]` is every peer.
   * @default every peer, in the cluster and outside it (`from`/`to` omitted)
   */
  readonly peers?: PeersLike;
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

/** A rule with its peers normalized. */
interface Rule {
  readonly peers?: readonly IPeer[];
  readonly ports?: readonly Port[];
}

/** The rule lists of a policy, which `NetworkPolicy.addIngress`/`addEgress` extend. */
interface RuleLists {
  ingress?: Rule[];
  egress?: Rule[];
}

const API_VERSION = 'networking.k8s.io/v1';
const KIND = 'NetworkPolicy';

/**
 * The common base of every construct here: the construct IS the emitted NetworkPolicy
 * `ApiObject` (no wrapper node: cdk8s walks the whole app once per chart, so a second node per
 * policy would nearly double synth time), named exactly by the construct id, in the chart's
 * namespace, with `policyTypes` always explicit (never left to the API server's defaulting).
 * It is a plain cdk8s `ApiObject`, so it needs no cdk8s-plus line at run time. It refuses to
 * render when the API server would reject it: the final JSON (escape-hatch patches included)
 * is validated once, where cdk8s renders it.
 */
export abstract class NetworkPolicyBase extends ApiObject {
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
  private readonly rules: RuleLists;

  protected constructor(scope: Construct, id: string, definition: PolicyDefinition) {
    const path = constructPath(scope, id);
    const namespace = Chart.of(scope).namespace;
    if (!namespace) {
      throw new Error(`${path}: a NetworkPolicy needs a namespace: define it in a NamespacePolicyChart or a Chart with a namespace`);
    }
    refuseInvalidName(path, id);
    const pods = toWorkload(definition.pods ?? Workload.all(), `${path}: pods`);
    if (pods.namespaceSelector !== undefined) {
      throw new Error(
        `${path}: pods: a NetworkPolicy applies to pods of its own namespace "${namespace}"; ` +
          'namespaceLabels and namespaceExpressions only select peers',
      );
    }
    if (pods.namespace !== undefined && pods.namespace !== namespace) {
      throw new Error(
        `${path}: pods: a NetworkPolicy applies to pods of its own namespace "${namespace}", ` +
          `but the workload is in "${pods.namespace}"; define this construct in a chart for that namespace`,
      );
    }
    const rules: RuleLists = {
      ingress: definition.ingress?.map((rule, index) => toRule(`${path}: ingress[${index}].from`, rule)),
      egress: definition.egress?.map((rule, index) => toRule(`${path}: egress[${index}].to`, rule)),
    };
    super(scope, id, {
      apiVersion: API_VERSION,
      kind: KIND,
      metadata: { name: id },
      spec: Lazy.any({ produce: () => renderSpec(rules, pods, namespace) }),
    });
    this.namespace = namespace;
    this.pods = pods;
    this.rules = rules;
    addEstateChecks(this, () => ({ apiVersion: API_VERSION, kind: KIND, metadata: { name: id, namespace }, spec: this.toSpec() }));
  }

  /** The spec this construct emits, in wire shape. */
  public toSpec(): NetworkPolicySpec {
    return renderSpec(this.rules, this.pods, this.namespace);
  }

  /** The NetworkPolicy object exactly as synthesized. */
  public toNetworkPolicy(): NetworkPolicyObject {
    return this.toJson() as NetworkPolicyObject;
  }

  /**
   * Renders the object for cdk8s and refuses it when the API server would: then every policy
   * of ours in the app is checked, so one error lists all of them, in cdk8s's
   * `[construct/path] field: message` shape. Lint warnings print once.
   */
  public override toJson(): any {
    const json = super.toJson();
    if (this.apiServerErrors(json).length > 0) {
      refuseWithAppErrors(this, (construct) => (construct instanceof NetworkPolicyBase ? construct.apiServerErrors(construct.render()) : []));
    }
    return json;
  }

  /** The workloads this policy applies to or names as peers (not whole namespaces). */
  public declaredWorkloads(): DeclaredWorkload[] {
    const rules = [...(this.rules.ingress ?? []), ...(this.rules.egress ?? [])];
    return [
      ...this.pods.declaredWorkloads(this.namespace),
      ...rules.flatMap((rule) => (rule.peers ?? []).flatMap((peer) => peer.declaredWorkloads(this.namespace))),
    ];
  }

  /**
   * Adds a rule after construction (for `NetworkPolicy.addIngress`/`addEgress`); the policy
   * then isolates the pods for that direction.
   */
  protected addRule(direction: 'ingress' | 'egress', rule: PolicyRule): void {
    const rules = this.rules[direction] ?? [];
    rules.push(toRule(`${this.node.path}: ${direction}[${rules.length}].${direction === 'ingress' ? 'from' : 'to'}`, rule));
    this.rules[direction] = rules;
    // The estate checks of this namespace may already have run this turn (a chart rendered).
    markEstateChanged(this);
  }

  /** How many rules of `direction` the policy has (for the field path of the next one). */
  protected ruleCount(direction: 'ingress' | 'egress'): number {
    return this.rules[direction]?.length ?? 0;
  }

  /**
   * Warnings about this construct's inputs beyond the API server's rules, printed once at
   * synth (as `construct/path: message`).
   */
  protected inputWarnings(): string[] {
    return [];
  }

  /**
   * Accepts this policy's findings of `rules` (ids of docs/rules/, e.g. `blocked-dns`): their
   * synth warnings are not printed, and the object carries the `netpol.dev/acknowledge`
   * annotation (with `reason` in `netpol.dev/acknowledge-reason`), so `netpol validate` lists
   * them as acknowledged. Rules of what the API server refuses cannot be acknowledged.
   */
  public acknowledge(rules: readonly string[], reason?: string): void {
    const all = addAcknowledgements(this, rules);
    for (const [key, value] of Object.entries(acknowledgeAnnotations(all, reason))) {
      this.metadata.addAnnotation(key, value);
    }
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
      } else if (!acknowledges(this, finding.rule)) {
        warnOnce(this, `${this.node.path}: ${text}`);
      }
    }
    for (const warning of this.inputWarnings()) {
      warnOnce(this, `${this.node.path}: ${warning}`);
    }
    return errors;
  }
}

/**
 * The construct id becomes `metadata.name` verbatim, so an id the API server would refuse is
 * refused here, when the construct is created, saying so before the API server's rule.
 */
function refuseInvalidName(path: string, id: string): void {
  const errors = dns1123SubdomainErrors(id);
  if (errors.length === 0) {
    return;
  }
  const suggestion = id
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  const example = suggestion.length > 0 && dns1123SubdomainErrors(suggestion).length === 0 ? `, such as ${JSON.stringify(suggestion)}` : '';
  throw new ConstructInputError(
    'INVALID_NAME',
    path,
    'metadata.name',
    `Invalid value: ${JSON.stringify(id)}: the construct id is the policy's metadata.name, so it must be a lowercase DNS name${example}; ${errors.join('; ')}`,
  );
}

/**
 * Normalizes a rule's peers (`where` names the field in errors) and refuses peer lists that
 * would not mean what they say.
 */
function toRule(where: string, rule: PolicyRule): Rule {
  if (rule.peers === undefined) {
    return { ports: rule.ports };
  }
  const peers = toPeers(rule.peers, where);
  if (peers.length === 0) {
    throw new Error(`${where}: give at least one peer; an empty list would allow every peer (use Peer.anywhere() for that)`);
  }
  if (peers.length > 1 && peers.some(isAnywhere)) {
    throw new Error(`${where}: Peer.anywhere() already includes every other peer; give it alone`);
  }
  return { peers, ports: rule.ports };
}

/**
 * The spec, in the field order of the API's generated types. A policy that governs neither
 * direction (a `NetworkPolicy` with no rules and no direction) isolates ingress, as the API
 * server defaults it, written out.
 */
function renderSpec(rules: RuleLists, pods: Workload, namespace: string): NetworkPolicySpec {
  const { ingress, egress } = rules;
  const policyTypes: PolicyType[] = [];
  if (ingress || !egress) {
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

function renderRule(rule: Rule, side: 'from' | 'to', namespace: string): NetworkPolicyIngressRule & NetworkPolicyEgressRule {
  const everyPeer = rule.peers === undefined || rule.peers.some(isAnywhere);
  const peers = everyPeer ? [] : (rule.peers ?? []).map((peer) => peer.toNetworkPolicyPeer(namespace));
  const ports = (rule.ports ?? []).map((port) => port.toNetworkPolicyPort());
  return {
    ...(peers.length > 0 ? { [side]: peers } : {}),
    ...(ports.length > 0 ? { ports } : {}),
  };
}
