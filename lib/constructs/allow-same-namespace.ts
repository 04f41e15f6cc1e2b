import { Construct } from 'constructs';
import { NetworkPolicyBase, PolicyRule } from './network-policy-base';
import { PODS_PROP, PodsLike } from './pods';
import { coversEgress, coversIngress, DIRECTION_PROP, PolicyDirection } from './policy-direction';
import { ENFORCEMENT_PROPS, PolicyEnforcementProps } from './policy-enforcement';
import { ACKNOWLEDGE_PROPS, AcknowledgeProps, acknowledgementsOf } from './construct-acknowledgements';
import { Port, PORTS_PROP } from './port';
import { checkProps, constructPath, optionalProp } from './props-check';
import { Workload } from './workload';

/** Props for `AllowSameNamespace`. */
export interface AllowSameNamespaceProps extends PolicyEnforcementProps, AcknowledgeProps {
  /**
   * The pods that may talk to their own namespace.
   * @default every pod of the namespace
   */
  readonly pods?: PodsLike;
  /**
   * Which directions to allow: in from the namespace, out to it, or both (needed when the
   * namespace denies both by default).
   * @default 'both'
   */
  readonly direction?: PolicyDirection;
  /**
   * The ports.
   * @default every port of every protocol; for ingress to the pods of a Service, its target ports
   */
  readonly ports?: readonly Port[];
}

/**
 * Allows traffic between the pods of the namespace (`podSelector: {}` as the peer), and
 * nothing from or to other namespaces.
 *
 * ```yaml
 * apiVersion: networking.k8s.io/v1
 * kind: NetworkPolicy
 * metadata:
 *   name: allow-same-namespace
 *   namespace: shop
 * spec:
 *   podSelector: {}
 *   policyTypes: [Ingress, Egress]
 *   ingress:
 *     - from:
 *         - podSelector: {}
 *   egress:
 *     - to:
 *         - podSelector: {}
 * ```
 */
export class AllowSameNamespace extends NetworkPolicyBase {
  public constructor(scope: Construct, id: string, props: AllowSameNamespaceProps = {}) {
    checkProps<AllowSameNamespaceProps>(constructPath(scope, id), props, {
      pods: optionalProp(PODS_PROP),
      direction: optionalProp(DIRECTION_PROP),
      ports: optionalProp(PORTS_PROP),
      ...ENFORCEMENT_PROPS,
      ...ACKNOWLEDGE_PROPS,
    });
    const direction = props.direction ?? 'both';
    const rule: PolicyRule = { peers: [Workload.all()], ports: props.ports };
    super(scope, id, {
      enforcement: props.enforcement,
      pods: props.pods,
      ingress: coversIngress(direction) ? [rule] : undefined,
      egress: coversEgress(direction) ? [rule] : undefined,
      ...acknowledgementsOf(props),
    });
  }
}
