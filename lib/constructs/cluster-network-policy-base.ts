import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { CLUSTER_NETWORK_POLICY_ACTIONS, CLUSTER_NETWORK_POLICY_API_VERSION, CLUSTER_NETWORK_POLICY_TIERS } from '../model';
import type {
  AdminPolicySubject,
  ClusterNetworkPolicy as ClusterNetworkPolicyObject,
  ClusterNetworkPolicyAction,
  ClusterNetworkPolicyEgressPeer,
  ClusterNetworkPolicyEgressRule,
  ClusterNetworkPolicyIngressRule,
  ClusterNetworkPolicySpec,
  ClusterNetworkPolicyTier,
  CrdChannel,
} from '../model';
import { Finding, validateClusterNetworkPolicy } from '../validate';
import { ClusterPeersLike, IClusterPeer, isClusterPeerLike, toClusterPeers } from './cluster-peer';
import { ClusterPolicyChart } from './cluster-policy-chart';
import { Namespaces } from './namespaces';
import { Port } from './port';
import { refuseWithAppErrors, warnOnce } from './synth-warnings';
import { constructPath, oneOf, PropType, satisfying } from './props-check';
import { WorkloadLike } from './workload';

/**
 * The pods a ClusterNetworkPolicy applies to: every pod of some namespaces (`Namespaces`,
 * `Workload.allIn`), or pods by labels in a namespace or in namespaces by label (`Workload`
 * with `namespace` or `namespaceLabels`, a cdk8s-plus workload). Host-network pods are never
 * selected (ClusterNetworkPolicySubject).
 */
export type ClusterPolicySubject = Namespaces | WorkloadLike;

/** One rule of a ClusterNetworkPolicy, before rendering. */
export interface ClusterPolicyRule {
  /** Accept or Deny (final), or Pass (skip the rest of the tier). */
  readonly action: ClusterNetworkPolicyAction;
  /** The peers (`from` for ingress, `to` for egress); several are an OR. */
  readonly peers: ClusterPeersLike;
  /**
   * The destination ports (the rule's `protocols`).
   * @default every protocol and port (`protocols` omitted)
   */
  readonly ports?: readonly Port[];
  /**
   * The rule's name (up to 100 characters), for the implementation's logs and reports.
   * @default no name
   */
  readonly name?: string;
}

/** What a ClusterNetworkPolicy construct emits, before rendering. */
export interface ClusterPolicyDefinition {
  /** Admin (evaluated before every NetworkPolicy) or Baseline (after them). */
  readonly tier: ClusterNetworkPolicyTier;
  /**
   * The precedence within the tier, 0 to 1000: lower values are checked first. Two policies
   * of one tier with one priority that match the same connection are undefined behaviour
   * (synthesis warns).
   */
  readonly priority: number;
  /** The pods the policy applies to: `Namespaces`, or a `Workload` with its namespace. */
  readonly subject: ClusterPolicySubject;
  /**
   * Ingress rules, in precedence order (the first matching rule decides).
   * @default none: the policy does not affect ingress
   */
  readonly ingress?: readonly ClusterPolicyRule[];
  /**
   * Egress rules, in precedence order (the first matching rule decides).
   * @default none: the policy does not affect egress
   */
  readonly egress?: readonly ClusterPolicyRule[];
}

/** A rule with its peers normalized; `where` names its peer list in errors. */
interface Rule {
  readonly action: ClusterNetworkPolicyAction;
  readonly peers: readonly IClusterPeer[];
  readonly ports?: readonly Port[];
  readonly name?: string;
  readonly where: string;
}

interface Parts {
  readonly tier: ClusterNetworkPolicyTier;
  readonly priority: number;
  readonly subject: IClusterPeer;
  readonly subjectWhere: string;
  readonly ingress: Rule[];
  readonly egress: Rule[];
}

const API_VERSION = CLUSTER_NETWORK_POLICY_API_VERSION;
const KIND = 'ClusterNetworkPolicy';

/** The peer kinds an ingress rule (and the subject) may have; the rest are egress-only. */
const POD_PEER_KINDS: readonly string[] = ['namespaces', 'pods'];

/**
 * The common base of the ClusterNetworkPolicy constructs: the construct IS the emitted
 * `policy.networking.k8s.io/v1alpha2` ApiObject, named by the construct id, with no namespace
 * (it refuses a chart that has one). Like the NetworkPolicy constructs it refuses to render
 * what the API server would reject: the final JSON is validated with the CRD's schema and
 * CEL rules (`validateClusterNetworkPolicy`, against the chart's `crdChannel`) where cdk8s
 * renders it, and warnings (experimental fields, documented limits, two policies of one tier
 * with the same priority) print once.
 */
export abstract class ClusterNetworkPolicyBase extends ApiObject {
  /**
   * Plain prototype-chain `instanceof`: the one inherited from `ApiObject` is true for every
   * ApiObject.
   */
  public static [Symbol.hasInstance](value: unknown): value is ClusterNetworkPolicyBase {
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }

  /** Admin or Baseline. */
  public readonly tier: ClusterNetworkPolicyTier;
  /** The precedence within the tier (lower first). */
  public readonly priority: number;
  private readonly parts: Parts;
  private readonly channel: CrdChannel;

  protected constructor(scope: Construct, id: string, definition: ClusterPolicyDefinition) {
    const path = constructPath(scope, id);
    const chart = Chart.of(scope);
    if (chart.namespace) {
      throw new Error(
        `${path}: a ClusterNetworkPolicy is cluster-scoped, but its chart has namespace "${chart.namespace}": ` +
          'define it in a ClusterPolicyChart (or a Chart without a namespace)',
      );
    }
    const subjectWhere = `${path}: subject`;
    const [subject] = toClusterPeers(definition.subject as ClusterPeersLike, subjectWhere);
    const parts: Parts = {
      tier: definition.tier,
      priority: definition.priority,
      subject,
      subjectWhere,
      ingress: (definition.ingress ?? []).map((rule, index) => toRule(rule, `${path}: ingress[${index}].from`)),
      egress: (definition.egress ?? []).map((rule, index) => toRule(rule, `${path}: egress[${index}].to`)),
    };
    // Render once now, so a peer or port with no ClusterNetworkPolicy form fails at its line.
    renderSpec(parts);
    super(scope, id, {
      apiVersion: API_VERSION,
      kind: KIND,
      metadata: { name: id },
      spec: Lazy.any({ produce: () => renderSpec(parts) }),
    });
    this.tier = definition.tier;
    this.priority = definition.priority;
    this.parts = parts;
    this.channel = chart instanceof ClusterPolicyChart ? chart.crdChannel : 'experimental';
  }

  /** The spec this construct emits, in wire shape. */
  public toSpec(): ClusterNetworkPolicySpec {
    return renderSpec(this.parts);
  }

  /** The ClusterNetworkPolicy object exactly as synthesized. */
  public toClusterNetworkPolicy(): ClusterNetworkPolicyObject {
    return this.toJson() as ClusterNetworkPolicyObject;
  }

  /**
   * Renders the object for cdk8s and refuses it when the API server would: then every
   * ClusterNetworkPolicy construct of the app is checked, so one error lists all of them, in
   * cdk8s's `[construct/path] field: message` shape. Warnings print once.
   */
  public override toJson(): any {
    const json = super.toJson();
    if (this.apiServerErrors(json).length > 0) {
      refuseWithAppErrors(this, (construct) => (construct instanceof ClusterNetworkPolicyBase ? construct.apiServerErrors(construct.render()) : []));
    }
    for (const warning of this.priorityWarnings()) {
      warnOnce(this, `${this.node.path}: ${warning}`);
    }
    return json;
  }

  /**
   * Adds a rule after construction, after the existing ones of its direction (so with the
   * lowest precedence of them).
   */
  protected addRule(direction: 'ingress' | 'egress', rule: ClusterPolicyRule): void {
    const rules = this.parts[direction];
    const added = toRule(rule, `${this.node.path}: ${direction}[${rules.length}].${direction === 'ingress' ? 'from' : 'to'}`);
    renderRule(added, direction);
    rules.push(added);
  }

  /** How many rules of `direction` the policy has (for the field path of the next one). */
  protected ruleCount(direction: 'ingress' | 'egress'): number {
    return this.parts[direction].length;
  }

  /** The final JSON, without validation. */
  private render(): unknown {
    return super.toJson();
  }

  /** The API-server errors about `json` as `[path] field: message`; warnings are printed. */
  private apiServerErrors(json: unknown): string[] {
    const errors: string[] = [];
    for (const finding of validateClusterNetworkPolicy(json, { channel: this.channel })) {
      const text = findingText(finding);
      if (finding.severity === 'error') {
        errors.push(`[${this.node.path}] ${text}`);
      } else {
        warnOnce(this, `${this.node.path}: ${text}`);
      }
    }
    return errors;
  }

  /**
   * ClusterNetworkPolicySpec.Priority: where two policies of one tier with one priority match
   * a connection, "the implementation can apply any of the matching policies". Whether they
   * overlap is the analysis' question; here every such pair is named.
   */
  private priorityWarnings(): string[] {
    const others = this.node.root.node
      .findAll()
      .filter((construct): construct is ClusterNetworkPolicyBase => construct instanceof ClusterNetworkPolicyBase && construct !== this)
      .filter((other) => other.tier === this.tier && other.priority === this.priority)
      .map((other) => other.node.path);
    if (others.length === 0) {
      return [];
    }
    return [
      `spec.priority: ${this.tier}-tier ${this.priority} is also the priority of ${others.join(', ')}: where both match a connection, ` +
        'the implementation may apply either and which one is undefined (network-policy-api ClusterNetworkPolicySpec.Priority); give each a unique priority',
    ];
  }
}

function findingText(finding: Finding): string {
  return `${finding.path}: ${finding.message}`;
}

function toRule(rule: ClusterPolicyRule, where: string): Rule {
  return { action: rule.action, peers: toClusterPeers(rule.peers, where), ports: rule.ports, name: rule.name, where };
}

/** The spec, in the field order of the API's generated types. */
function renderSpec(parts: Parts): ClusterNetworkPolicySpec {
  const subject = parts.subject.toClusterNetworkPolicyPeer(parts.subjectWhere);
  const kind = Object.keys(subject).find((field) => !POD_PEER_KINDS.includes(field));
  if (kind !== undefined) {
    throw new Error(`${parts.subjectWhere}: a ${kind} peer cannot be a subject: give Namespaces or a Workload (the subject is namespaces or pods)`);
  }
  return {
    tier: parts.tier,
    priority: parts.priority,
    subject: subject as AdminPolicySubject,
    ...(parts.ingress.length > 0 ? { ingress: parts.ingress.map((rule) => renderRule(rule, 'ingress')) } : {}),
    ...(parts.egress.length > 0 ? { egress: parts.egress.map((rule) => renderRule(rule, 'egress')) } : {}),
  };
}

type RenderedRule = ClusterNetworkPolicyIngressRule & ClusterNetworkPolicyEgressRule;

function renderRule(rule: Rule, direction: 'ingress' | 'egress'): RenderedRule {
  const peers = mergeAddressPeers(rule.peers.map((peer, index) => peer.toClusterNetworkPolicyPeer(rule.peers.length > 1 ? `${rule.where}[${index}]` : rule.where)));
  if (direction === 'ingress') {
    const kind = peers.flatMap((peer) => Object.keys(peer)).find((field) => !POD_PEER_KINDS.includes(field));
    if (kind !== undefined) {
      throw new Error(`${rule.where}: a ${kind} peer is egress-only: a ClusterNetworkPolicy's ingress peers are namespaces and pods`);
    }
  }
  const ports = rule.ports ?? [];
  const side = direction === 'ingress' ? 'from' : 'to';
  return {
    ...(rule.name !== undefined ? { name: rule.name } : {}),
    action: rule.action,
    [side]: peers,
    ...(ports.length > 0 ? { protocols: ports.map((port, index) => port.toClusterNetworkPolicyProtocol(`${rule.where.replace(/\.(from|to)$/, '')}.ports[${index}]`)) } : {}),
  } as RenderedRule;
}

/**
 * One `networks` peer for all the IpRanges of a rule and one `domainNames` peer for all its
 * domain names, each where the first was (the API writes address lists as one peer; the 25
 * peer cap then counts selectors, not addresses).
 */
function mergeAddressPeers(peers: readonly ClusterNetworkPolicyEgressPeer[]): ClusterNetworkPolicyEgressPeer[] {
  const merged: ClusterNetworkPolicyEgressPeer[] = [];
  const lists: Partial<Record<'networks' | 'domainNames', string[]>> = {};
  for (const peer of peers) {
    const fields = Object.keys(peer);
    const field = fields.length === 1 && (fields[0] === 'networks' || fields[0] === 'domainNames') ? fields[0] : undefined;
    if (field === undefined) {
      merged.push(peer);
      continue;
    }
    let list = lists[field];
    if (list === undefined) {
      list = [];
      lists[field] = list;
      merged.push({ [field]: list });
    }
    list.push(...(peer[field] ?? []));
  }
  return merged;
}


/**
 * A `ClusterPolicySubject` prop: one cluster peer (its kind, namespaces or pods, is checked
 * where it renders, which names the kind it got).
 */
export const CLUSTER_SUBJECT_PROP: PropType = satisfying(isClusterPeerLike, 'Namespaces or a Workload with its namespace');

/** A `ClusterNetworkPolicyTier` prop. */
export const TIER_PROP: PropType = oneOf(CLUSTER_NETWORK_POLICY_TIERS);

/** A `ClusterNetworkPolicyAction` prop. */
export const ACTION_PROP: PropType = oneOf(CLUSTER_NETWORK_POLICY_ACTIONS);
