import { Construct } from 'constructs';
import { AcknowledgeProps, acknowledgementsOf } from './construct-acknowledgements';
import { NetworkPolicyBase } from './network-policy-base';
import { EgressRule, egressRule, IngressRule, ingressRule } from './network-policy-rule';
import { coversEgress, coversIngress, PolicyDirection } from './policy-direction';
import { PodsLike } from './pods';
import { PolicyEnforcementProps } from './policy-enforcement';

/** Props for `NetworkPolicy`. */
export interface NetworkPolicyProps extends PolicyEnforcementProps, AcknowledgeProps {
  /**
   * The pods the policy applies to, in the chart's namespace; a Service stands for the pods
   * it selects, and its target ports are the default ports of the ingress rules.
   * @default every pod of the namespace (`podSelector: {}`)
   */
  readonly pods?: PodsLike;
  /**
   * Ingress rules; more can be added with `addIngress`.
   * @default none
   */
  readonly ingress?: readonly IngressRule[];
  /**
   * Egress rules; more can be added with `addEgress`.
   * @default none
   */
  readonly egress?: readonly EgressRule[];
  /**
   * The directions the policy isolates the pods for (`policyTypes`). A direction without
   * rules denies it (a deny-only direction). Rules of a direction it leaves out are refused.
   * @default the directions that have rules; with no rules at all, ingress (as the API server
   * defaults a policy without rules), written out
   */
  readonly direction?: PolicyDirection;
}

/**
 * A whole NetworkPolicy in one object: the pods, their ingress rules and their egress rules.
 * `policyTypes` follow from the rules declared (or `direction`) and are always written out.
 *
 * ```ts
 * const policy = new NetworkPolicy(prod, 'api-server', {
 *   pods: api,
 *   ingress: [{ from: frontend, ports: [Port.tcp(8080)] }],
 *   egress: [DnsProvider.coreDns().egressRule(), { to: postgres, ports: [Port.tcp(5432)] }],
 * });
 * policy.addIngress({ from: Peer.anywhere(), ports: [Port.tcp(443)] });
 * ```
 *
 * ```yaml
 * apiVersion: networking.k8s.io/v1
 * kind: NetworkPolicy
 * metadata:
 *   name: api-server
 *   namespace: production
 * spec:
 *   podSelector:
 *     matchLabels:
 *       app: api
 *   policyTypes: [Ingress, Egress]
 *   ingress:
 *     - from:
 *         - podSelector:
 *             matchLabels:
 *               app: frontend
 *       ports:
 *         - protocol: TCP
 *           port: 8080
 *     - ports:
 *         - protocol: TCP
 *           port: 443
 *   egress:
 *     - to:
 *         - namespaceSelector:
 *             matchLabels:
 *               kubernetes.io/metadata.name: kube-system
 *           podSelector:
 *             matchLabels:
 *               k8s-app: kube-dns
 *       ports:
 *         - protocol: UDP
 *           port: 53
 *         - protocol: TCP
 *           port: 53
 *     - to:
 *         - podSelector:
 *             matchLabels:
 *               app: postgres
 *       ports:
 *         - protocol: TCP
 *           port: 5432
 * ```
 */
export class NetworkPolicy extends NetworkPolicyBase {
  private readonly direction: PolicyDirection | undefined;

  public constructor(scope: Construct, id: string, props: NetworkPolicyProps = {}) {
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    const ingress = props.ingress ?? [];
    const egress = props.egress ?? [];
    const direction = props.direction;
    if (direction !== undefined) {
      refuseOutside(path, direction, 'ingress', ingress.length);
      refuseOutside(path, direction, 'egress', egress.length);
    }
    super(scope, id, {
      enforcement: props.enforcement,
      pods: props.pods,
      ingress: ingress.length > 0 || (direction !== undefined && coversIngress(direction)) ? ingress.map(ingressRule) : undefined,
      egress: egress.length > 0 || (direction !== undefined && coversEgress(direction)) ? egress.map(egressRule) : undefined,
      ...acknowledgementsOf(props),
    });
    this.direction = direction;
  }

  /** Adds an ingress rule (the policy then isolates ingress, if it did not already). */
  public addIngress(rule: IngressRule): void {
    if (this.direction !== undefined) {
      refuseOutside(this.node.path, this.direction, 'ingress', 1);
    }
    this.addRule('ingress', ingressRule(rule));
  }

  /** Adds an egress rule (the policy then isolates egress, if it did not already). */
  public addEgress(rule: EgressRule): void {
    if (this.direction !== undefined) {
      refuseOutside(this.node.path, this.direction, 'egress', 1);
    }
    this.addRule('egress', egressRule(rule));
  }
}

function refuseOutside(path: string, direction: PolicyDirection, rules: 'ingress' | 'egress', count: number): void {
  const covered = rules === 'ingress' ? coversIngress(direction) : coversEgress(direction);
  if (count > 0 && !covered) {
    throw new Error(
      `${path}: ${rules}: the policy's direction is '${direction}', so ${rules} rules would not apply; ` +
        `set direction to 'both' or leave it out`,
    );
  }
}
