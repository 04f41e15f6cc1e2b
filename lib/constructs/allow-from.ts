import { Construct } from 'constructs';
import { acknowledgementsOf } from './construct-acknowledgements';
import { NetworkPolicyBase } from './network-policy-base';
import { OneRuleProps, oneRule } from './one-rule-props';
import { PeersLike } from './peer';

/** Props for `AllowFrom`. */
export interface AllowFromProps extends OneRuleProps {
  /** Who may connect: one peer or several (several are an OR within one rule). */
  readonly from: PeersLike;
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
    super(scope, id, { enforcement: props.enforcement, pods: props.pods, ingress: oneRule(props, props.from), ...acknowledgementsOf(props) });
  }
}
