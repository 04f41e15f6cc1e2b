import { Construct } from 'constructs';
import { NetworkPolicyBase } from './network-policy-base';
import { PodsLike } from './pods';
import { PolicyEnforcementProps } from './policy-enforcement';

/** Props for `Isolate`. */
export interface IsolateProps extends PolicyEnforcementProps {
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
    super(scope, id, { enforcement: props.enforcement, pods: props.pods, ingress: [], egress: [] });
  }
}
