import { Construct } from 'constructs';
import { NetworkPolicyBase } from './network-policy-base';
import { PeersLike, toPeers } from './peer';
import { Port } from './port';
import { WorkloadLike } from './workload';

/** Props for `AllowFrom`. */
export interface AllowFromProps {
  /** The pods receiving the traffic (the policy's podSelector). */
  readonly pods: WorkloadLike;
  /** Who may connect: one peer or several (several are an OR within one rule). */
  readonly from: PeersLike;
  /**
   * The destination ports on `pods`.
   * @default every port of every protocol
   */
  readonly ports?: readonly Port[];
}

/**
 * Allows ingress to `pods` from the peers on the ports, in ONE rule. Isolates `pods` for
 * ingress: anything no policy allows is then dropped.
 *
 * ```yaml
 * apiVersion: networking.k8s.io/v1
 * kind: NetworkPolicy
 * metadata:
 *   name: allow-api-to-db
 *   namespace: production
 * spec:
 *   podSelector:
 *     matchLabels:
 *       app: postgres
 *   policyTypes: [Ingress]
 *   ingress:
 *     - from:
 *         - podSelector:
 *             matchLabels:
 *               app: web-api
 *       ports:
 *         - protocol: TCP
 *           port: 5432
 * ```
 */
export class AllowFrom extends NetworkPolicyBase {
  public constructor(scope: Construct, id: string, props: AllowFromProps) {
    super(scope, id, { pods: props.pods, ingress: [{ peers: toPeers(props.from), ports: props.ports }] });
  }
}
