import { Construct } from 'constructs';
import { NetworkPolicyBase } from './network-policy-base';
import { PODS_PROP, PodsLike } from './pods';
import { ENFORCEMENT_PROPS, PolicyEnforcementProps } from './policy-enforcement';
import { ACKNOWLEDGE_PROPS, AcknowledgeProps, acknowledgementsOf } from './construct-acknowledgements';
import { checkProps, constructPath, requiredProp } from './props-check';

/** Props for `Isolate`. */
export interface IsolateProps extends PolicyEnforcementProps, AcknowledgeProps {
  /** The pods to cut off. Required: isolating a whole namespace is `DefaultDeny`. */
  readonly pods: PodsLike;
}

/**
 * Cuts a workload off: no traffic in or out, unless another policy selecting the same pods
 * allows it (policies are additive). For quarantining a compromised workload.
 *
 * ```yaml
 * apiVersion: networking.k8s.io/v1
 * kind: NetworkPolicy
 * metadata:
 *   name: quarantine-legacy
 *   namespace: production
 * spec:
 *   podSelector:
 *     matchLabels:
 *       app: legacy
 *   policyTypes: [Ingress, Egress]
 * ```
 */
export class Isolate extends NetworkPolicyBase {
  public constructor(scope: Construct, id: string, props: IsolateProps) {
    checkProps<IsolateProps>(constructPath(scope, id), props, { pods: requiredProp(PODS_PROP), ...ENFORCEMENT_PROPS, ...ACKNOWLEDGE_PROPS });
    super(scope, id, { enforcement: props.enforcement, pods: props.pods, ingress: [], egress: [], ...acknowledgementsOf(props) });
  }
}
