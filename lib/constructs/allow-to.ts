import { Construct } from 'constructs';
import { acknowledgementsOf } from './construct-acknowledgements';
import { NetworkPolicyBase } from './network-policy-base';
import { OneRuleProps, oneRule } from './one-rule-props';
import { PeersLike } from './peer';

/** Props for `AllowTo`. */
export interface AllowToProps extends OneRuleProps {
  /** Where they may connect: one peer or several (several are an OR within one rule). */
  readonly to: PeersLike;
}

/**
 * Allows egress from `pods` to the peers on the ports, in ONE rule. Isolates `pods` for
 * egress: remember DNS (`AllowDns`).
 *
 * ```yaml
 * apiVersion: networking.k8s.io/v1
 * kind: NetworkPolicy
 * metadata:
 *   name: api-egress-db
 *   namespace: production
 * spec:
 *   podSelector:
 *     matchLabels:
 *       app: web-api
 *   policyTypes: [Egress]
 *   egress:
 *     - to:
 *         - podSelector:
 *             matchLabels:
 *               app: postgres
 *       ports:
 *         - protocol: TCP
 *           port: 5432
 * ```
 */
export class AllowTo extends NetworkPolicyBase {
  public constructor(scope: Construct, id: string, props: AllowToProps) {
    super(scope, id, { enforcement: props.enforcement, pods: props.pods, egress: oneRule(props, props.to), ...acknowledgementsOf(props) });
  }
}
