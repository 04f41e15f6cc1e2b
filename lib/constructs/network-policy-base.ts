import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import type { NetworkPolicy as NetworkPolicyObject, NetworkPolicyEgressRule, NetworkPolicyIngressRule, NetworkPolicySpec, PolicyType } from '../model';
import { JsonObject, STAGED_KUBERNETES_NETWORK_POLICY_KIND, acknowledgeAnnotations, dns1123SubdomainErrors, stagedAsNetworkPolicy, validateNetworkPolicy } from '../validate';
import { AcknowledgeProps, acknowledges, addAcknowledgements } from './construct-acknowledgements';
import { ConstructInputError } from './construct-input-error';
import { addEstateChecks, markEstateChanged } from './estate-checks';
import { DeclaredWorkload, IPeer, isAnywhere, PeersLike, toPeers } from './peer';
import { PodsLike, toPods } from './pods';
import { describeServicePort, Port } from './port';
import { needsService, Service } from './service';
import { PolicyEnforcement, policyEnforcement } from './policy-enforcement';
import { refuseWithAppErrors, warnOnce } from './synth-warnings';
import { Workload } from './workload';

/** One rule: traffic with any of the peers on any of the ports. */
export interface PolicyRule {
  /**
   * The peers; several are an OR (one rule, several peers). `[Peer.anywhere()]` is every peer.
   * @default every peer, in the cluster and outside it (`from`/`to` omitted)
   */
  readonly peers?: PeersLike;
  /**
   * The ports. `Port.service` entries resolve on the Service the traffic goes to: the pods'
   * Service for ingress, the Service peers for egress.
   * @default every port of every protocol (`ports` omitted); to a Service (the pods' for
   * ingress, a peer's for egress), its target ports
   */
  readonly ports?: readonly Port[];
}

/** What a NetworkPolicy construct emits, before rendering, and the rules it acknowledges. */
export interface PolicyDefinition extends AcknowledgeProps {
  /**
   * The pods the policy applies to, in the chart's namespace; a Service stands for the pods
   * it selects, and its target ports are the default ports of the ingress rules.
   * @default every pod of the namespace (`podSelector: {}`)
   */
  readonly pods?: PodsLike;
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
  /**
   * Enforced as a NetworkPolicy, or staged as Calico's StagedKubernetesNetworkPolicy.
   * @default the chart's (see PolicyEnforcementProps)
   */
  readonly enforcement?: PolicyEnforcement;
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

/** What rendering needs besides the rules. */
interface RenderContext {
  readonly path: string;
  readonly namespace: string;
  readonly pods: Workload;
  /** The Service the pods were given as, whose target ports the ingress rules default to. */
  readonly podsService?: Service;
}

const API_VERSION = 'networking.k8s.io/v1';
const KIND = 'NetworkPolicy';
/** Where Calico serves StagedKubernetesNetworkPolicy (its API server; lib/validate reads both versions). */
const STAGED_API_VERSION = 'projectcalico.org/v3';

/**
 * The common base of every construct here: the construct IS the emitted NetworkPolicy
 * `ApiObject` (no wrapper node: cdk8s walks the whole app once per chart, so a second node per
 * policy would nearly double synth time), named exactly by the construct id, in the chart's
 * namespace, with `policyTypes` always explicit (never left to the API server's defaulting).
 * It is a plain cdk8s `ApiObject`, so it needs no cdk8s-plus line at run time. It refuses to
 * render when the API server would reject it: the final JSON (escape-hatch patches included)
 * is validated once, where cdk8s renders it. Staged (`enforcement: 'staged'`), it is Calico's
 * StagedKubernetesNetworkPolicy with the same name and spec plus `stagedAction: Set`, validated
 * as the NetworkPolicy it stands for; the app-wide checks see that NetworkPolicy.
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
  /** `staged`: emitted as Calico's StagedKubernetesNetworkPolicy; `enforced`: as a NetworkPolicy. */
  public readonly enforcement: PolicyEnforcement;
  private readonly rules: RuleLists;
  private readonly context: RenderContext;

  protected constructor(scope: Construct, id: string, definition: PolicyDefinition) {
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    const namespace = Chart.of(scope).namespace;
    if (!namespace) {
      throw new Error(`${path}: a NetworkPolicy needs a namespace: define it in a NamespacePolicyChart or a Chart with a namespace`);
    }
    refuseInvalidName(path, id);
    const enforcement = policyEnforcement(scope, path, definition.enforcement);
    const { workload: pods, service: podsService } = toPods(definition.pods ?? Workload.all(), `${path}: pods`);
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
    const context: RenderContext = { path, namespace, pods, podsService };
    const rules: RuleLists = {
      ingress: definition.ingress?.map((rule, index) => toRule(context, 'ingress', index, rule)),
      egress: definition.egress?.map((rule, index) => toRule(context, 'egress', index, rule)),
    };
    const staged = enforcement === 'staged';
    super(scope, id, {
      apiVersion: staged ? STAGED_API_VERSION : API_VERSION,
      kind: staged ? STAGED_KUBERNETES_NETWORK_POLICY_KIND : KIND,
      metadata: { name: id },
      spec: Lazy.any({ produce: () => (staged ? { stagedAction: 'Set', ...renderSpec(rules, context) } : renderSpec(rules, context)) }),
    });
    this.namespace = namespace;
    this.pods = pods;
    this.enforcement = enforcement;
    this.rules = rules;
    this.context = context;
    if (definition.acknowledge && definition.acknowledge.length > 0) {
      this.acknowledge(definition.acknowledge, definition.acknowledgeReason);
    }
    addEstateChecks(this, () => ({ apiVersion: API_VERSION, kind: KIND, metadata: { name: id, namespace }, spec: this.toSpec() }));
  }

  /** The spec this construct emits, in wire shape. */
  public toSpec(): NetworkPolicySpec {
    return renderSpec(this.rules, this.context);
  }

  /** The NetworkPolicy object exactly as synthesized; a staged one as the NetworkPolicy it stands for. */
  public toNetworkPolicy(): NetworkPolicyObject {
    return this.asNetworkPolicy(this.toJson()) as NetworkPolicyObject;
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

  /** The workloads this policy applies to or names as peers (not whole namespaces, not Services). */
  public declaredWorkloads(): DeclaredWorkload[] {
    const rules = [...(this.rules.ingress ?? []), ...(this.rules.egress ?? [])];
    return [
      ...(this.context.podsService ? [] : this.pods.declaredWorkloads(this.namespace)),
      ...rules.flatMap((rule) => (rule.peers ?? []).flatMap((peer) => peer.declaredWorkloads(this.namespace))),
    ];
  }

  /**
   * Adds a rule after construction (for `NetworkPolicy.addIngress`/`addEgress`); the policy
   * then isolates the pods for that direction.
   */
  protected addRule(direction: 'ingress' | 'egress', rule: PolicyRule): void {
    const rules = this.rules[direction] ?? [];
    rules.push(toRule(this.context, direction, rules.length, rule));
    this.rules[direction] = rules;
    // The estate checks of this namespace may already have run this turn (a chart rendered).
    markEstateChanged(this);
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

  /** A staged policy's JSON as the NetworkPolicy it stands for (what the API server's rules apply to); an enforced one's as it is. */
  private asNetworkPolicy(json: unknown): unknown {
    return this.enforcement === 'staged' && json !== null && typeof json === 'object' ? stagedAsNetworkPolicy(json as JsonObject) : json;
  }

  /** The API-server errors about `json` as `[path] field: message`; warnings are printed. */
  private apiServerErrors(json: unknown): string[] {
    const errors: string[] = [];
    for (const finding of validateNetworkPolicy(this.asNetworkPolicy(json))) {
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
 * Normalizes a rule's peers and refuses peer lists that would not mean what they say, and
 * `Port.service` entries with no Service to resolve on.
 */
function toRule(context: RenderContext, direction: 'ingress' | 'egress', index: number, rule: PolicyRule): Rule {
  const where = `${context.path}: ${direction}[${index}].${direction === 'ingress' ? 'from' : 'to'}`;
  const peers = rule.peers === undefined ? undefined : toPeers(rule.peers, where);
  if (peers?.length === 0) {
    throw new Error(`${where}: give at least one peer; an empty list would allow every peer (use Peer.anywhere() for that)`);
  }
  if (peers && peers.length > 1 && peers.some(isAnywhere)) {
    throw new Error(`${where}: Peer.anywhere() already includes every other peer; give it alone`);
  }
  const normalized = { ...(peers ? { peers } : {}), ports: rule.ports };
  refuseUnresolvableServicePorts(context, direction, index, normalized);
  return normalized;
}

/**
 * A `Port.service` entry resolves on the Service the traffic goes to: the policy's pods for
 * ingress, every peer of an egress rule (so all of them must be Services).
 */
function refuseUnresolvableServicePorts(context: RenderContext, direction: 'ingress' | 'egress', index: number, rule: Rule): void {
  const entry = (rule.ports ?? []).find((port) => port.servicePort !== undefined);
  if (entry?.servicePort === undefined) {
    return;
  }
  const field = `${direction}[${index}].ports`;
  const port = describeServicePort(entry.servicePort);
  if (direction === 'ingress' && !context.podsService) {
    throw new ConstructInputError(
      'UNKNOWN_SERVICE_PORT',
      context.path,
      field,
      `${port} picks a port of the Service the traffic goes to, but the policy's pods are not a Service; give the Service as pods, or the pod port (Port.tcp, Port.named)`,
    );
  }
  if (direction === 'egress' && (rule.peers === undefined || rule.peers.some((peer) => !(peer instanceof Service)))) {
    throw new ConstructInputError(
      'UNKNOWN_SERVICE_PORT',
      context.path,
      field,
      `${port} picks a port of the Service the traffic goes to, but the rule's destinations are not all Services; ` +
        'put the other peers in a rule of their own with pod ports (Port.tcp, Port.named)',
    );
  }
}

/**
 * The spec, in the field order of the API's generated types. A policy that governs neither
 * direction (a `NetworkPolicy` with no rules and no direction) isolates ingress, as the API
 * server defaults it, written out.
 */
function renderSpec(rules: RuleLists, context: RenderContext): NetworkPolicySpec {
  const { ingress, egress } = rules;
  const { path, namespace, pods, podsService } = context;
  requireServiceSelectors(rules, context);
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
    ...(ingress && ingress.length > 0
      ? { ingress: ingress.map((rule, index) => renderRule(ingressToService(rule, podsService, path, `ingress[${index}]`), 'from', namespace)) }
      : {}),
    ...(egress && egress.length > 0
      ? { egress: egress.flatMap((rule, index) => egressToServices(rule, path, `egress[${index}]`)).map((rule) => renderRule(rule, 'to', namespace)) }
      : {}),
  };
}

/** Refuses, naming this policy and the field, a Service among its pods or peers that selects no pods. */
function requireServiceSelectors(rules: RuleLists, context: RenderContext): void {
  context.podsService?.requireSelector(context.path, 'pods');
  for (const direction of ['ingress', 'egress'] as const) {
    (rules[direction] ?? []).forEach((rule, index) => {
      (rule.peers ?? []).forEach((peer, peerIndex) => {
        if (peer instanceof Service) {
          peer.requireSelector(context.path, `${direction}[${index}].${direction === 'ingress' ? 'from' : 'to'}[${peerIndex}]`);
        }
      });
    });
  }
}

/** An ingress rule on the pods of a Service: its ports are that Service's target ports. */
function ingressToService(rule: Rule, service: Service | undefined, path: string, field: string): Rule {
  return service ? { ...rule, ports: service.targetPorts(rule.ports, path, field) } : rule;
}

/**
 * An egress rule whose ports depend on its Service peers (ports left out, or `Port.service`)
 * becomes one rule per set of target ports (Services with the same ones share a rule); its
 * other peers keep the ports as given, in one rule of their own. Written as one rule, one
 * Service's target port would be open to the pods of another.
 */
function egressToServices(rule: Rule, path: string, field: string): Rule[] {
  const services = (rule.peers ?? []).filter((peer): peer is Service => peer instanceof Service);
  if (services.length === 0 || (rule.ports !== undefined && !needsService(rule.ports))) {
    return [rule];
  }
  const byPorts = new Map<string, { peers: IPeer[]; ports: Port[] }>();
  for (const service of services) {
    const ports = service.targetPorts(rule.ports, path, field);
    const key = JSON.stringify(ports.map((port) => port.toNetworkPolicyPort()));
    const group = byPorts.get(key) ?? { peers: [], ports };
    group.peers.push(service);
    byPorts.set(key, group);
  }
  const others = (rule.peers ?? []).filter((peer) => !(peer instanceof Service));
  return [...byPorts.values(), ...(others.length > 0 ? [{ peers: others, ports: rule.ports }] : [])];
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
