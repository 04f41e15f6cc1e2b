import type { AcknowledgeProps } from './construct-acknowledgements';
import type { PolicyRule } from './network-policy-base';
import { PeersLike } from './peer';
import { Port } from './port';
import { PodsLike } from './pods';
import { PolicyEnforcementProps } from './policy-enforcement';

/**
 * What `AllowFrom` and `AllowTo` share: the pods the policy applies to, and the ports of its
 * one rule. Each adds its peers (`from` or `to`).
 */
export interface OneRuleProps extends PolicyEnforcementProps, AcknowledgeProps {
  /**
   * The pods the policy applies to (its podSelector): those receiving the traffic for
   * `AllowFrom`, those sending it for `AllowTo`. A Service stands for the pods it selects.
   */
  readonly pods: PodsLike;
  /**
   * The destination ports. Named ports resolve on the destination pods: `pods` for
   * `AllowFrom`, the peers for `AllowTo`; `Port.service` entries on the destination Service.
   * @default every port of every protocol; to a Service (`pods` of `AllowFrom`, a peer of
   * `AllowTo`), its target ports
   */
  readonly ports?: readonly Port[];
}

/** The one rule of `props`: traffic with `peers` (several are an OR) on its ports. */
export function oneRule(props: OneRuleProps, peers: PeersLike): PolicyRule[] {
  return [{ peers, ports: props.ports }];
}
