import { Construct } from 'constructs';
import { NetworkPolicyBase } from './network-policy-base';
import { checkProps, constructPath, requiredProp } from './props-check';
import { WORKLOAD_PROP, WorkloadLike } from './workload';

/** Props for `Isolate`. */
export interface IsolateProps {
  /** The pods to cut off. Required: isolating a whole namespace is `DefaultDeny`. */
  readonly pods: WorkloadLike;
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
    checkProps<IsolateProps>(constructPath(scope, id), props, { pods: requiredProp(WORKLOAD_PROP) });
    super(scope, id, { pods: props.pods, ingress: [], egress: [] });
  }
}
