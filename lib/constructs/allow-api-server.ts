import { Construct } from 'constructs';
import { IpRange } from './ip-range';
import { NetworkPolicyBase } from './network-policy-base';
import { PODS_PROP, PodsLike } from './pods';
import { ENFORCEMENT_PROPS, PolicyEnforcementProps } from './policy-enforcement';
import { ACKNOWLEDGE_PROPS, AcknowledgeProps, acknowledgementsOf } from './construct-acknowledgements';
import { Port, PORTS_PROP } from './port';
import { checkProps, constructPath, listOf, optionalProp, requiredProp, TEXT } from './props-check';

/** Props for `AllowApiServer`. */
export interface AllowApiServerProps extends PolicyEnforcementProps, AcknowledgeProps {
  /**
   * The Kubernetes API server's endpoint addresses (`kubectl get endpoints kubernetes -n
   * default`), as IPs or CIDRs.
   */
  readonly addresses: readonly string[];
  /**
   * The pods that may call the API server.
   * @default every pod of the namespace
   */
  readonly pods?: PodsLike;
  /**
   * The API server ports.
   * @default TCP 443 and TCP 6443
   */
  readonly ports?: readonly Port[];
}

/**
 * Allows egress to the Kubernetes API server. It is not a pod that selectors can match, so
 * the rule names its endpoint addresses as ipBlocks.
 *
 * ```yaml
 * apiVersion: networking.k8s.io/v1
 * kind: NetworkPolicy
 * metadata:
 *   name: operator-to-api-server
 *   namespace: platform
 * spec:
 *   podSelector:
 *     matchLabels:
 *       app: operator
 *   policyTypes: [Egress]
 *   egress:
 *     - to:
 *         - ipBlock:
 *             cidr: 10.0.0.1/32
 *       ports:
 *         - protocol: TCP
 *           port: 443
 *         - protocol: TCP
 *           port: 6443
 * ```
 */
export class AllowApiServer extends NetworkPolicyBase {
  public constructor(scope: Construct, id: string, props: AllowApiServerProps) {
    checkProps<AllowApiServerProps>(constructPath(scope, id), props, {
      addresses: requiredProp(listOf(TEXT, 'IP addresses or CIDRs')),
      pods: optionalProp(PODS_PROP),
      ports: optionalProp(PORTS_PROP),
      ...ENFORCEMENT_PROPS,
      ...ACKNOWLEDGE_PROPS,
    });
    super(scope, id, {
      enforcement: props.enforcement,
      pods: props.pods,
      egress: [
        {
          peers: props.addresses.map((address) => IpRange.addressOrCidr(address)),
          ports: props.ports ?? [Port.tcp(443), Port.tcp(6443)],
        },
      ],
      ...acknowledgementsOf(props),
    });
  }
}
