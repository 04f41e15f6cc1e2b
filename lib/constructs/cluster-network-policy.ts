import { Construct } from 'constructs';
import type { ClusterNetworkPolicyAction } from '../model';
import { ACTION_PROP, CLUSTER_SUBJECT_PROP, ClusterNetworkPolicyBase, ClusterPolicyDefinition, ClusterPolicyRule, TIER_PROP } from './cluster-network-policy-base';
import { CLUSTER_PEERS_PROP, ClusterPeersLike } from './cluster-peer';
import { Port, PORTS_PROP } from './port';
import { checkProp, checkProps, constructPath, listOf, objectOf, optionalProp, requiredProp, TEXT, WHOLE_NUMBER } from './props-check';

/** An ingress rule of a `ClusterNetworkPolicy`: what to do with traffic from the peers on the ports. */
export interface ClusterIngressRule {
  /**
   * Accept or Deny: final, no later ClusterNetworkPolicy or NetworkPolicy rule is processed.
   * Pass: the rest of this tier is skipped, the next tier (NetworkPolicy after Admin) decides.
   */
  readonly action: ClusterNetworkPolicyAction;
  /** The sources: `Namespaces` or pods (`Workload` with its namespace); several are an OR. */
  readonly from: ClusterPeersLike;
  /**
   * The destination ports, on the subject's pods (`Port.named` resolves there).
   * @default every protocol and port
   */
  readonly ports?: readonly Port[];
  /**
   * The rule's name (up to 100 characters), for the implementation's logs and reports.
   * @default no name
   */
  readonly name?: string;
}

/** An egress rule of a `ClusterNetworkPolicy`: what to do with traffic to the peers on the ports. */
export interface ClusterEgressRule {
  /**
   * Accept: final for egress (the destination's ingress rules still apply). Deny: final.
   * Pass: the rest of this tier is skipped, the next tier decides.
   */
  readonly action: ClusterNetworkPolicyAction;
  /**
   * The destinations: `Namespaces`, pods (`Workload` with its namespace), `IpRange`
   * (`networks`, which also matches pod IPs), and the experimental `Nodes` and `DomainNames`;
   * several are an OR.
   */
  readonly to: ClusterPeersLike;
  /**
   * The destination ports. `Port.named` only with pod peers (the CRD refuses it with
   * networks, nodes or domainNames).
   * @default every protocol and port
   */
  readonly ports?: readonly Port[];
  /**
   * The rule's name (up to 100 characters), for the implementation's logs and reports.
   * @default no name
   */
  readonly name?: string;
}

/** Props for `ClusterNetworkPolicy`. */
export interface ClusterNetworkPolicyProps extends Pick<ClusterPolicyDefinition, 'tier' | 'priority' | 'subject'> {
  /**
   * Ingress rules in precedence order (the first matching rule decides), up to 25; more can be
   * added with `addIngress`.
   * @default none: the policy does not affect ingress
   */
  readonly ingress?: readonly ClusterIngressRule[];
  /**
   * Egress rules in precedence order (the first matching rule decides), up to 25; more can be
   * added with `addEgress`.
   * @default none: the policy does not affect egress
   */
  readonly egress?: readonly ClusterEgressRule[];
}

/**
 * A ClusterNetworkPolicy (`policy.networking.k8s.io/v1alpha2`, network-policy-api v0.2.0):
 * a tier, a priority, a subject, and ingress and egress rules with an action each. Unlike a
 * NetworkPolicy it isolates nothing by itself: it does what its rules say, in their order.
 * Define it in a `ClusterPolicyChart`.
 *
 * ```ts
 * new ClusterNetworkPolicy(platform, 'deny-metadata', {
 *   tier: 'Admin',
 *   priority: 10,
 *   subject: Namespaces.all(),
 *   egress: [{ name: 'no-metadata', action: 'Deny', to: IpRange.cloudMetadata() }],
 * });
 * ```
 *
 * ```yaml
 * apiVersion: policy.networking.k8s.io/v1alpha2
 * kind: ClusterNetworkPolicy
 * metadata:
 *   name: deny-metadata
 * spec:
 *   tier: Admin
 *   priority: 10
 *   subject:
 *     namespaces: {}
 *   egress:
 *     - name: no-metadata
 *       action: Deny
 *       to:
 *         - networks: [169.254.169.254/32]
 * ```
 */
export class ClusterNetworkPolicy extends ClusterNetworkPolicyBase {
  public constructor(scope: Construct, id: string, props: ClusterNetworkPolicyProps) {
    checkProps<ClusterNetworkPolicyProps>(constructPath(scope, id), props, {
      tier: requiredProp(TIER_PROP),
      priority: requiredProp(WHOLE_NUMBER),
      subject: requiredProp(CLUSTER_SUBJECT_PROP),
      ingress: optionalProp(listOf(INGRESS_RULE_PROP, 'ingress rules { action, from, ports?, name? }')),
      egress: optionalProp(listOf(EGRESS_RULE_PROP, 'egress rules { action, to, ports?, name? }')),
    });
    super(scope, id, {
      tier: props.tier,
      priority: props.priority,
      subject: props.subject,
      ingress: props.ingress?.map(ingressRule),
      egress: props.egress?.map(egressRule),
    });
  }

  /** Adds an ingress rule after the existing ones (the lowest precedence of them). */
  public addIngress(rule: ClusterIngressRule): void {
    checkProp(this.node.path, `ingress[${this.ruleCount('ingress')}]`, rule, requiredProp(INGRESS_RULE_PROP));
    this.addRule('ingress', ingressRule(rule));
  }

  /** Adds an egress rule after the existing ones (the lowest precedence of them). */
  public addEgress(rule: ClusterEgressRule): void {
    checkProp(this.node.path, `egress[${this.ruleCount('egress')}]`, rule, requiredProp(EGRESS_RULE_PROP));
    this.addRule('egress', egressRule(rule));
  }
}

/** The rule as the policy base takes it. */
export function ingressRule(rule: ClusterIngressRule): ClusterPolicyRule {
  return { action: rule.action, peers: rule.from, ports: rule.ports, name: rule.name };
}

/** The rule as the policy base takes it. */
export function egressRule(rule: ClusterEgressRule): ClusterPolicyRule {
  return { action: rule.action, peers: rule.to, ports: rule.ports, name: rule.name };
}

const INGRESS_RULE_PROP = objectOf<ClusterIngressRule>(
  { action: requiredProp(ACTION_PROP), from: requiredProp(CLUSTER_PEERS_PROP), ports: optionalProp(PORTS_PROP), name: optionalProp(TEXT) },
  'an ingress rule',
);

const EGRESS_RULE_PROP = objectOf<ClusterEgressRule>(
  { action: requiredProp(ACTION_PROP), to: requiredProp(CLUSTER_PEERS_PROP), ports: optionalProp(PORTS_PROP), name: optionalProp(TEXT) },
  'an egress rule',
);
