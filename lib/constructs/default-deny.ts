import { Construct } from 'constructs';
import { NetworkPolicyBase } from './network-policy-base';
import { PODS_PROP, PodsLike } from './pods';
import { coversEgress, coversIngress, DIRECTION_PROP, PolicyDirection } from './policy-direction';
import { ENFORCEMENT_PROPS, PolicyEnforcementProps } from './policy-enforcement';
import { ACKNOWLEDGE_PROPS, AcknowledgeProps, acknowledgementsOf } from './construct-acknowledgements';
import { checkProps, constructPath, optionalProp } from './props-check';

/** Props for `DefaultDeny`. */
export interface DefaultDenyProps extends PolicyEnforcementProps, AcknowledgeProps {
  /**
   * The directions to deny.
   * @default 'both'
   */
  readonly direction?: PolicyDirection;
  /**
   * The pods to isolate.
   * @default every pod of the namespace
   */
  readonly pods?: PodsLike;
}

/**
 * Denies all traffic the other policies of the namespace do not allow: selects the pods for
 * the chosen directions and allows nothing. Policies are additive, so every `Allow*` in the
 * namespace still applies.
 *
 * ```yaml
 * apiVersion: networking.k8s.io/v1
 * kind: NetworkPolicy
 * metadata:
 *   name: default-deny-all
 *   namespace: production
 * spec:
 *   podSelector: {}
 *   policyTypes: [Ingress, Egress]
 * ```
 */
export class DefaultDeny extends NetworkPolicyBase {
  public constructor(scope: Construct, id: string, props: DefaultDenyProps = {}) {
    checkProps<DefaultDenyProps>(constructPath(scope, id), props, {
      direction: optionalProp(DIRECTION_PROP),
      pods: optionalProp(PODS_PROP),
      ...ENFORCEMENT_PROPS,
      ...ACKNOWLEDGE_PROPS,
    });
    const direction = props.direction ?? 'both';
    super(scope, id, {
      enforcement: props.enforcement,
      pods: props.pods,
      ingress: coversIngress(direction) ? [] : undefined,
      egress: coversEgress(direction) ? [] : undefined,
      ...acknowledgementsOf(props),
    });
  }
}
